package org.cpjudge.rating;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The test oracle: the Codeforces rules written out contestant by contestant, O(n^2) per step, with
 * no table, no histogram and no shared code with the fast path except the record types. Every
 * probability is computed from the formula and rounded to the same fixed point, which makes the sums
 * exact and therefore independent of summation order: fast and naive must agree to the last point.
 */
final class NaiveRating {
    private static final long ONE = 1L << 40;

    private NaiveRating() {
    }

    /** The formula, memoised by rating difference only to keep the O(n^2) oracle affordable at n = 3000. */
    private static final int MEMO = 1 << 16;
    private static final long[] memo = new long[2 * MEMO + 1];

    static {
        java.util.Arrays.fill(memo, -1);
    }

    static long p(long winnerRating, long loserRating) {
        long diff = loserRating - winnerRating;
        if (Math.abs(diff) > MEMO) {
            return formula(diff);
        }
        int k = (int) diff + MEMO;
        if (memo[k] < 0) {
            memo[k] = formula(diff);
        }
        return memo[k];
    }

    private static long formula(long diff) {
        return Math.round(ONE / (1.0 + StrictMath.pow(10.0, diff / 400.0)));
    }

    /** 1 + sum over j != self of P(j beats a contestant rated r). */
    static long expectedPlace(int[] ratings, int self, int r) {
        long sum = ONE;
        for (int j = 0; j < ratings.length; j++) {
            if (j != self) {
                sum += p(ratings[j], r);
            }
        }
        return sum;
    }

    /** fixedPoint / ONE >= m, compared exactly. */
    static boolean atLeast(long fixedPoint, double m) {
        return new BigDecimal(fixedPoint).compareTo(new BigDecimal(m).multiply(BigDecimal.valueOf(ONE))) >= 0;
    }

    static int[] places(List<Standing> standings) {
        int n = standings.size();
        int[] places = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (notWorse(standings.get(j).result(), standings.get(i).result())) {
                    places[i]++;
                }
            }
        }
        return places;
    }

    private static boolean notWorse(Result a, Result b) {
        if (a instanceof Result.Score sa && b instanceof Result.Score sb) {
            return sa.points() > sb.points() || (sa.points() == sb.points() && sa.penalty() <= sb.penalty());
        }
        return ((Result.GivenRank) a).rank() <= ((Result.GivenRank) b).rank();
    }

    static List<RatingChange> rate(List<Standing> standings) {
        int n = standings.size();
        int[] ratings = standings.stream().mapToInt(s -> s.contestant().rating()).toArray();
        int[] places = places(standings);
        double[] seeds = new double[n];
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            seeds[i] = expectedPlace(ratings, i, ratings[i]) / (double) ONE;
            double m = Math.sqrt(places[i] * seeds[i]);
            int need = 1;
            int lo = 1;
            int hi = 8000;
            while (lo <= hi) { // largest R in [1, 8000] with expectedPlace >= m
                int mid = (lo + hi) / 2;
                if (atLeast(expectedPlace(ratings, i, mid), m)) {
                    need = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            d[i] = (need - ratings[i]) / 2;
        }
        long sum = Arrays.stream(d).asLongStream().sum();
        long inc = -sum / n - 1;
        for (int i = 0; i < n; i++) {
            d[i] += (int) inc;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> -ratings[i]).thenComparingInt(i -> places[i]));
        int s = (int) Math.min(4 * Math.round(Math.sqrt(n)), n);
        long top = 0;
        for (int k = 0; k < s; k++) {
            top += d[order[k]];
        }
        long inc2 = Math.min(Math.max(-top / s, -10), 0);
        List<RatingChange> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            d[i] += (int) inc2;
            out.add(new RatingChange(standings.get(i).contestant().handle(), places[i], ratings[i],
                    ratings[i] + d[i], d[i], seeds[i], 0, 0));
        }
        return out;
    }
}
