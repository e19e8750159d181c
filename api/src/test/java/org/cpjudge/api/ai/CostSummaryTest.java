package org.cpjudge.api.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cpjudge.judge.Verdict;
import org.junit.jupiter.api.Test;

/** Sums of cost and cost per solved problem over the report's groups, in all, by model and by problem. */
class CostSummaryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Attempt> attempts = new ArrayList<>();

    private void attempt(String model, String problem, String group, String verdict, String cost) {
        int i = attempts.size();
        attempts.add(new Attempt("s" + i, "bot", problem, group, (long) i, model, new BigDecimal(cost), null,
                T0.plusSeconds(i), Verdict.valueOf(verdict), verdict, !verdict.equals("CE")));
    }

    /**
     * m1: p1/g1 {AC 0.5, WA 0.25} solved (a tie, AC came first), p2/g2 {CE 1} not solved (the pick is the CE).
     * m2: p1/g3 {AC 0.1} solved, p1/g4 {WA 0.2} not solved.
     * Total: 4 groups, 2 solved, 2.05 USD, 1.025 per solved. m1: 1.75 / 1; m2: 0.3 / 1.
     * p1: 3 groups, 2 solved, 1.05 USD, 0.525 per solved; p2: 1 group, none solved: null.
     */
    @Test
    void sumsAndCostPerSolvedProblem() {
        attempt("m1", "p1", "g1", "AC", "0.5");
        attempt("m1", "p1", "g1", "WA", "0.25");
        attempt("m1", "p2", "g2", "CE", "1");
        attempt("m2", "p1", "g3", "AC", "0.1");
        attempt("m2", "p1", "g4", "WA", "0.2");
        CostSummary s = CostSummary.of(GroupReport.of(attempts));
        assertLine(s.total(), null, 4, 2, "2.05", "1.025");
        assertEquals(2, s.byModel().size());
        assertLine(s.byModel().get(0), "m1", 2, 1, "1.75", "1.75");
        assertLine(s.byModel().get(1), "m2", 2, 1, "0.3", "0.3");
        assertEquals(2, s.byProblem().size());
        assertLine(s.byProblem().get(0), "p1", 3, 2, "1.05", "0.525");
        assertLine(s.byProblem().get(1), "p2", 1, 0, "1", null);
    }

    @Test
    void noGroupsNoCost() {
        CostSummary s = CostSummary.of(List.of());
        assertLine(s.total(), null, 0, 0, "0", null);
        assertEquals(List.of(), s.byModel());
    }

    private static void assertLine(CostSummary.Line line, String key, int groups, int solved, String cost,
                                   String perSolved) {
        assertEquals(key, line.key());
        assertEquals(groups, line.groups());
        assertEquals(solved, line.solved());
        assertEquals(0, new BigDecimal(cost).compareTo(line.costUsd()), line.toString());
        if (perSolved == null) {
            assertNull(line.costPerSolvedUsd());
        } else {
            assertEquals(0, new BigDecimal(perSolved).compareTo(line.costPerSolvedUsd()), line.toString());
        }
    }
}
