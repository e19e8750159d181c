package org.cpjudge.api.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.cpjudge.judge.Verdict;
import org.junit.jupiter.api.Test;

/** Rows of the AI report built from attempts, without a database. */
class GroupReportTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private int seconds;

    /**
     * An attempt submitted one second after the previous one; it passed the sample tests unless it is a compile
     * error (a wrong answer here is wrong on secret tests only).
     */
    private Attempt attempt(String group, Long index, String verdict, String behaviour, String cost, long tokens) {
        return attempt(group, index, verdict, behaviour, cost, tokens, !"CE".equals(verdict));
    }

    private Attempt attempt(String group, Long index, String verdict, String behaviour, String cost, long tokens,
                            boolean passedSamples) {
        seconds++;
        return new Attempt("s" + seconds, "bot", "sum", group, index, "model-x", new BigDecimal(cost),
                BigDecimal.valueOf(tokens), T0.plusSeconds(seconds),
                verdict == null ? null : Verdict.valueOf(verdict), behaviour, passedSamples);
    }

    /** Attempt {@code index} of group "g", 0.1 USD and 10 tokens each. */
    private Attempt ce(long index) {
        return attempt("g", index, "CE", "no tests: CE", "0.1", 10, false);
    }

    /** Wrong from the sample test on. */
    private Attempt failsSample(long index, String behaviour) {
        return attempt("g", index, "WA", behaviour, "0.1", 10, false);
    }

    /** Passes the sample test, wrong on a secret one. */
    private Attempt wrongOnSecret(long index, String behaviour) {
        return attempt("g", index, "WA", behaviour, "0.1", 10, true);
    }

    private Attempt right(long index) {
        return attempt("g", index, "AC", "right", "0.1", 10, true);
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

    /**
     * The bug this filter fixes: three compile errors used to behave alike ("no tests: CE") and outvote the one
     * right attempt, so the consensus answer was a compile error. Compile errors now form no cluster: the only
     * cluster is {index 3}, and the pick is right.
     */
    @Test
    void compileErrorsFormNoCluster() {
        GroupReport r = GroupReport.of(List.of(ce(0), ce(1), ce(2), right(3))).get(0);
        assertEquals(4, r.n(), "compile errors are judged samples");
        assertEquals(1, r.correct());
        assertFalse(r.firstAttemptCorrect());
        assertTrue(r.consensusCorrect(), "the compile errors no longer outvote the right attempt");
        assertEquals("s4", r.consensusSubmission());
        assertEquals(1, r.clusters());
        assertEquals(1, r.consensusSize());
        assertEquals(1, r.passedSamples());
        // k = 1, 2: only compile errors, no cluster, the pick is index 0 (CE); k = 4 is no reported k
        assertEquals(Map.of(1, false, 2, false), r.consensusAt());
        assertEquals(Map.of(1, false, 2, false), r.nAtK());
        assertEquals(0, new BigDecimal("0.4").compareTo(r.costPerSolvedUsd()));
    }

    /**
     * Ten attempts, worked out by hand (P = passes the sample test):
     * <pre>
     * index  0   1         2          3      4         5          6      7   8      9
     *        CE  WA off    WA ovf P   AC P   WA off    WA ovf P   AC P   CE  WA big P  AC P
     * </pre>
     * n = 10, correct = 3 (3, 6, 9). Clustered (passed the samples): 2, 3, 5, 6, 8, 9; the two "off" attempts
     * fail the sample and form no cluster although they behave alike. Clusters, largest first: right {3, 6, 9},
     * ovf {2, 5}, big {8}: 3 clusters, consensus = index 3 (AC), size 3, 6 attempts passed the samples.
     * <ul>
     *   <li>k = 1: {0}: no cluster, the pick is index 0 (CE): consensus@1 false; 10@1 submits index 0: false.</li>
     *   <li>k = 2: {0, 1}: still no cluster (1 fails the sample): both false.</li>
     *   <li>k = 5: {0..4}: clusters ovf {2} and right {3}, equal size, ovf's earliest came first: consensus@5
     *       picks index 2 (WA), false; 10@5 submits 2 then 3: true.</li>
     *   <li>k = 10: consensus is index 3: true; 10@10 submits 3, 2, 8, then round robin 6, 5, 9: true.</li>
     * </ul>
     * pass@1 = 3/10, pass@2 = 1 - C(7,2)/C(10,2) = 1 - 21/45, pass@5 = 1 - C(7,5)/C(10,5) = 1 - 21/252,
     * pass@10 = 1. Cost 10 x 0.1 = 1.0, solved by consensus: cost per solved 1.0.
     */
    @Test
    void sampleFailuresFormNoClusterAndConsensusAndNAtKGrowWithK() {
        List<Attempt> attempts = List.of(ce(0), failsSample(1, "off"), wrongOnSecret(2, "ovf"), right(3),
                failsSample(4, "off"), wrongOnSecret(5, "ovf"), right(6), ce(7), wrongOnSecret(8, "big"), right(9));
        List<Attempt> shuffled = new ArrayList<>(attempts);
        Collections.reverse(shuffled); // the index, not the order given, says which attempt is first
        GroupReport r = GroupReport.of(shuffled).get(0);
        assertEquals(10, r.n());
        assertEquals(3, r.correct());
        assertEquals(0.3, r.passAt().get(1), 1e-12);
        assertEquals(1 - 21.0 / 45, r.passAt().get(2), 1e-12);
        assertEquals(1 - 21.0 / 252, r.passAt().get(5), 1e-12);
        assertEquals(1.0, r.passAt().get(10), 1e-12);
        assertFalse(r.firstAttemptCorrect());
        assertTrue(r.consensusCorrect());
        assertEquals(attempts.get(3).submissionId(), r.consensusSubmission());
        assertEquals(3, r.clusters());
        assertEquals(3, r.consensusSize());
        assertEquals(6, r.passedSamples());
        assertEquals(List.of(1, 2, 5, 10), List.copyOf(r.consensusAt().keySet()));
        assertEquals(Map.of(1, false, 2, false, 5, false, 10, true), r.consensusAt());
        assertEquals(Map.of(1, false, 2, false, 5, true, 10, true), r.nAtK());
        assertEquals(0, new BigDecimal("1.0").compareTo(r.costPerSolvedUsd()), "" + r.costPerSolvedUsd());
    }

    /**
     * Nothing passes the samples: {0 WA off (fails the sample), 1 CE, 2 WA off}. No cluster: the consensus answer
     * is the first attempt (index 0, WA), size 0 of 0 clusters; nothing solved, so no cost per solved problem.
     */
    @Test
    void withNoAttemptPassingTheSamplesTheConsensusIsTheFirstAttempt() {
        GroupReport r = GroupReport.of(List.of(failsSample(0, "off"), ce(1), failsSample(2, "off"))).get(0);
        assertEquals(3, r.n());
        assertFalse(r.consensusCorrect());
        assertEquals(r.firstAttemptSubmission(), r.consensusSubmission());
        assertEquals(0, r.clusters());
        assertEquals(0, r.consensusSize());
        assertEquals(0, r.passedSamples());
        assertEquals(Map.of(1, false, 2, false), r.consensusAt());
        assertEquals(Map.of(1, false, 2, false), r.nAtK());
        assertNull(r.costPerSolvedUsd());
        assertEquals(0, new BigDecimal("0.3").compareTo(r.costUsd()));
    }

    /**
     * Pending and JE attempts are no samples, so "the first k" skips them: {0 pending, 1 JE, 2 AC, 3 WA P}: the
     * samples are 2, 3; consensus@1 = {2}: true; consensus@2 = {2, 3}, two clusters of one, 2 came first: true.
     */
    @Test
    void theFirstKAttemptsAreTheFirstKSamples() {
        GroupReport r = GroupReport.of(List.of(attempt("g", 0L, null, "no tests: -", "1", 1),
                attempt("g", 1L, "JE", "no tests: JE", "1", 1), right(2), wrongOnSecret(3, "ovf"))).get(0);
        assertEquals(2, r.n());
        assertEquals(Map.of(1, true, 2, true), r.consensusAt());
        assertEquals(Map.of(1, true, 2, true), r.nAtK());
    }
}
