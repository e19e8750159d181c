package org.cpjudge.api.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cpjudge.judge.Verdict;
import org.junit.jupiter.api.Test;

/** Rows of the AI report built from attempts, without a database. */
class GroupReportTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private int seconds;

    /** An attempt submitted one second after the previous one. */
    private Attempt attempt(String group, Long index, String verdict, String behaviour, String cost, long tokens) {
        seconds++;
        return new Attempt("s" + seconds, "bot", "sum", group, index, "model-x", new BigDecimal(cost),
                BigDecimal.valueOf(tokens), T0.plusSeconds(seconds),
                verdict == null ? null : Verdict.valueOf(verdict), behaviour);
    }

    @Test
    void countsPassAtKFirstAttemptConsensusAndCost() {
        List<Attempt> attempts = List.of(
                attempt("g", 4L, "WA", "wrong", "0.1", 10),
                attempt("g", 0L, "AC", "right", "0.2", 20),
                attempt("g", 3L, "WA", "wrong", "0.1", 10),
                attempt("g", 1L, "WA", "wrong", "0.1", 10),
                attempt("g", 2L, "AC", "right", "0.2", 20));
        GroupReport r = GroupReport.of(attempts).get(0);
        assertEquals(5, r.n());
        assertEquals(2, r.correct());
        assertEquals(0.4, r.passAt().get(1), 1e-12);
        assertEquals(1 - 3.0 / 10, r.passAt().get(2), 1e-12); // 1 - C(3,2)/C(5,2)
        assertEquals(1.0, r.passAt().get(5));
        assertTrue(r.firstAttemptCorrect(), "index 0 is AC though submitted second");
        assertFalse(r.consensusCorrect(), "3 alike wrong beat 2 alike right");
        assertEquals(3, r.consensusSize());
        assertEquals(2, r.clusters());
        assertEquals("s4", r.consensusSubmission(), "the wrong cluster's lowest index (1)");
        assertEquals(0, new BigDecimal("0.7").compareTo(r.costUsd()), "exact decimal sum: " + r.costUsd());
        assertEquals(BigDecimal.valueOf(70), r.tokens());
        assertEquals("model-x", r.model());
    }

    @Test
    void pendingAndJudgeErrorsAreNoSamplesButCostCounts() {
        List<Attempt> attempts = List.of(
                attempt("g", 0L, null, "no tests: -", "1", 1),
                attempt("g", 1L, "JE", "no tests: JE", "1", 1),
                attempt("g", 2L, "WA", "wrong", "1", 1),
                attempt("g", 3L, "AC", "right", "1", 1));
        GroupReport r = GroupReport.of(attempts).get(0);
        assertEquals(2, r.n());
        assertEquals(1, r.correct());
        assertEquals(1, r.pending());
        assertEquals(1, r.judgeErrors());
        assertFalse(r.firstAttemptCorrect(), "the earliest sample is index 2 (WA)");
        assertFalse(r.consensusCorrect(), "a tie: the earlier cluster (WA) wins");
        assertEquals(0, new BigDecimal("4").compareTo(r.costUsd()));
    }

    @Test
    void aGroupWithNoSampleYetHasNoVerdicts() {
        GroupReport r = GroupReport.of(List.of(attempt("g", 0L, null, "no tests: -", "0", 0))).get(0);
        assertEquals(0, r.n());
        assertTrue(r.passAt().isEmpty());
        assertNull(r.firstAttemptCorrect());
        assertNull(r.consensusCorrect());
        assertEquals(1, r.pending());
    }

    @Test
    void oneRowPerHandleProblemAndGroupInOrder() {
        List<Attempt> attempts = new ArrayList<>();
        attempts.add(attempt("g2", 0L, "AC", "r", "0", 0));
        attempts.add(attempt("g1", 0L, "WA", "w", "0", 0));
        attempts.add(attempt(null, null, "AC", "r", "0", 0));
        attempts.add(attempt("g1", 1L, "AC", "r", "0", 0));
        List<GroupReport> rows = GroupReport.of(attempts);
        assertEquals(3, rows.size());
        assertNull(rows.get(0).group());
        assertEquals("g1", rows.get(1).group());
        assertEquals(2, rows.get(1).n());
        assertEquals("g2", rows.get(2).group());
    }

    @Test
    void attemptsWithoutIndexComeAfterIndexedOnesThenBySubmissionTime() {
        List<Attempt> attempts = List.of(
                attempt("g", null, "AC", "r", "0", 0),
                attempt("g", 7L, "WA", "w", "0", 0),
                attempt("g", null, "AC", "r", "0", 0));
        GroupReport r = GroupReport.of(attempts).get(0);
        assertFalse(r.firstAttemptCorrect());
        assertEquals("s2", r.firstAttemptSubmission());
        assertTrue(r.consensusCorrect());
        assertEquals("s1", r.consensusSubmission());
    }
}
