package org.cpjudge.api.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pass@k against values worked out by hand and against the binomial formula itself. */
class PassAtKTest {

    private static final double EXACT = 1e-12;

    @Test
    void handComputedValues() {
        assertEquals(0.6, PassAtK.estimate(5, 3, 1), EXACT); // 3 of 5
        assertEquals(0.9, PassAtK.estimate(5, 3, 2), EXACT); // 1 - C(2,2)/C(5,2) = 1 - 1/10
        assertEquals(1.0, PassAtK.estimate(5, 3, 5), EXACT);
        assertEquals(0.5, PassAtK.estimate(10, 1, 5), EXACT); // the one correct is among 5 of 10 half the time
        assertEquals(0.0, PassAtK.estimate(10, 0, 5), EXACT);
        assertEquals(1.0, PassAtK.estimate(1, 1, 1), EXACT);
    }

    @Test
    void isExactlyOneWhenFewerThanKAttemptsAreWrong() {
        assertEquals(1.0, PassAtK.estimate(5, 3, 3));
        assertEquals(1.0, PassAtK.estimate(100, 1, 100));
        assertEquals(1.0, PassAtK.estimate(10, 10, 1));
    }

    @Test
    void agreesWithTheBinomialFormulaWhereItCanBeComputedExactly() {
        for (int n = 1; n <= 60; n++) {
            for (int c = 0; c <= n; c++) {
                for (int k = 1; k <= n; k++) {
                    double byBinomials = 1 - ratio(binomial(n - c, k), binomial(n, k));
                    assertEquals(byBinomials, PassAtK.estimate(n, c, k), 1e-12, "n=" + n + " c=" + c + " k=" + k);
                }
            }
        }
    }

    @Test
    void largeNStaysFiniteAndBetweenZeroAndOne() {
        double p = PassAtK.estimate(100_000, 3, 100); // C(100000, 100) has 342 digits: no double holds it
        assertEquals(1 - ratio(binomial(99_997, 100), binomial(100_000, 100)), p, 1e-12);
    }

    @Test
    void reportsEachKUpToN() {
        assertEquals(List.of(1, 2, 5), List.copyOf(PassAtK.report(5, 3).keySet()));
        assertEquals(List.of(1, 2, 5, 10, 20, 50, 100), List.copyOf(PassAtK.report(150, 3).keySet()));
        assertEquals(List.of(), List.copyOf(PassAtK.report(0, 0).keySet()));
        assertEquals(1.0, PassAtK.report(5, 3).get(5));
    }

    @Test
    void refusesImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(3, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(3, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(3, 1, 0));
    }

    private static BigInteger binomial(int n, int k) {
        if (k > n) {
            return BigInteger.ZERO;
        }
        BigInteger b = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            b = b.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return b;
    }

    private static double ratio(BigInteger a, BigInteger b) {
        return new java.math.BigDecimal(a).divide(new java.math.BigDecimal(b), java.math.MathContext.DECIMAL128)
                .doubleValue();
    }
}
