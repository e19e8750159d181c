package org.cpjudge.api.contest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The contest's attempt rule: under "consensus" an attempt group is one try, its consensus pick at the time of
 * its last attempt, pending until every attempt is judged; under "every" each attempt is a try of its own.
 */
class CountedTriesTest {

    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final Participant CARL = new Participant(3, "carl", "ai");

    private static Contest contest(AiAttempts rule) {
        ContestRules rules = new ContestRules(Scoring.ICPC, 20, IoiRule.SUBTASK_MAX, false, null,
                AiParticipation.RATED, rule);
        return new Contest("c", "C", START, 120, 0, rules, Admission.OPEN,
                List.of(new ContestProblem("a", "A", null)), null, null, null);
    }

    /** An attempt of group g at {@code minute} (plus 30 s), index {@code index}, behaving as {@code behaviour}. */
    private static ContestSubmission attempt(String group, long index, int minute, String verdict, String behaviour,
                                             boolean passedSamples) {
        return new ContestSubmission(UUID.randomUUID(), CARL.userId(), "a",
                START.plus(Duration.ofMinutes(minute)).plusSeconds(30), SubmissionStatus.DONE,
                Verdict.valueOf(verdict), null, List.of(), new AttemptTag(group, index, behaviour, passedSamples));
    }

    private static ContestSubmission pending(String group, long index, int minute) {
        return new ContestSubmission(UUID.randomUUID(), CARL.userId(), "a",
                START.plus(Duration.ofMinutes(minute)).plusSeconds(30), SubmissionStatus.QUEUED, null, null,
                List.of(), new AttemptTag(group, index, null, false));
    }

    private static ContestSubmission plain(int minute, String verdict) {
        return new ContestSubmission(UUID.randomUUID(), CARL.userId(), "a",
                START.plus(Duration.ofMinutes(minute)).plusSeconds(30), SubmissionStatus.DONE,
                Verdict.valueOf(verdict), null);
    }

    private static ScoreboardRow row(AiAttempts rule, List<ContestSubmission> tries) {
        return Scoreboard.of(contest(rule), List.of(CARL), tries, START.plusSeconds(7200), false).rows().get(0);
    }

    /** Wrong first, then two correct attempts that behave alike: the majority is correct. */
    private static List<ContestSubmission> correctConsensus() {
        return List.of(attempt("g", 0, 10, "WA", "t1=WA:x", true), attempt("g", 1, 20, "AC", "t1=AC:y", true),
                attempt("g", 2, 30, "AC", "t1=AC:y", true));
    }

    @Test
    void aCorrectConsensusIsOneSolvedTryAtTheLastAttemptsMinuteWithoutPenaltyFromTheWrongAttempts() {
        ScoreboardRow row = row(AiAttempts.CONSENSUS, correctConsensus());
        ProblemResult a = row.problems().get(0);
        assertTrue(a.solved());
        assertEquals(1, a.attempts());
        assertEquals(30L, a.timeMinutes());
        assertEquals(30, a.penaltyMinutes());
        assertEquals(1, row.tries());
        assertEquals(30, row.penalty());
    }

    @Test
    void everyAttemptCountsAsATryUnderEveryAsBefore() {
        ScoreboardRow row = row(AiAttempts.EVERY, correctConsensus());
        ProblemResult a = row.problems().get(0);
        assertTrue(a.solved());
        assertEquals(2, a.attempts());
        assertEquals(20L, a.timeMinutes());
        assertEquals(20 + 20, row.penalty());
        assertEquals(3, row.tries());
        List<ContestSubmission> tries = correctConsensus();
        assertSame(tries, CountedTries.of(AiAttempts.EVERY, tries));
    }

    @Test
    void aWrongConsensusIsOneRejectedTry() {
        List<ContestSubmission> tries = List.of(attempt("g", 0, 10, "WA", "t1=WA:x", true),
                attempt("g", 1, 15, "AC", "t1=AC:y", true), attempt("g", 2, 20, "WA", "t1=WA:x", true));
        ProblemResult consensus = row(AiAttempts.CONSENSUS, tries).problems().get(0);
        assertFalse(consensus.solved());
        assertEquals(1, consensus.attempts());
        assertNull(consensus.timeMinutes());
        assertEquals(0, consensus.pending());
        ProblemResult every = row(AiAttempts.EVERY, tries).problems().get(0);
        assertTrue(every.solved());
        assertEquals(15L, every.timeMinutes());
    }

    @Test
    void attemptsThatFailTheSamplesFormNoClusterAsInTheReport() {
        // two wrong attempts alike but failing the samples are filtered out: the one correct attempt is the pick
        List<ContestSubmission> tries = List.of(attempt("g", 0, 10, "WA", "sample/1=WA:x", false),
                attempt("g", 1, 12, "WA", "sample/1=WA:x", false), attempt("g", 2, 14, "AC", "sample/1=AC:y", true));
        ProblemResult a = row(AiAttempts.CONSENSUS, tries).problems().get(0);
        assertTrue(a.solved());
        assertEquals(14L, a.timeMinutes());
        assertEquals(1, a.attempts());
    }

    @Test
    void aPendingAttemptKeepsTheGroupPending() {
        List<ContestSubmission> tries = List.of(attempt("g", 0, 10, "AC", "t1=AC:y", true),
                attempt("g", 1, 20, "AC", "t1=AC:y", true), pending("g", 2, 30));
        ProblemResult a = row(AiAttempts.CONSENSUS, tries).problems().get(0);
        assertFalse(a.solved());
        assertEquals(1, a.pending());
        assertEquals(0, a.attempts());
        // every attempt on its own: solved at once by the first
        assertTrue(row(AiAttempts.EVERY, tries).problems().get(0).solved());
    }

    @Test
    void submissionsWithoutAGroupAndOtherGroupsCountAsUsual() {
        List<ContestSubmission> tries = new ArrayList<>();
        tries.add(plain(5, "WA"));
        tries.add(attempt("g", 0, 10, "WA", "t1=WA:x", true));
        tries.add(attempt("g", 1, 11, "WA", "t1=WA:x", true));
        tries.add(attempt("h", 0, 40, "AC", "t1=AC:y", true));
        ScoreboardRow row = row(AiAttempts.CONSENSUS, tries);
        ProblemResult a = row.problems().get(0);
        // the plain WA, group g's wrong pick, then group h's correct one at minute 40
        assertTrue(a.solved());
        assertEquals(3, a.attempts());
        assertEquals(40 + 2 * 20, a.penaltyMinutes());
        assertEquals(3, CountedTries.of(AiAttempts.CONSENSUS, tries).size());
    }

    @Test
    void theIncrementalBoardRecomputesTheGroupWhenAnyAttemptChanges() {
        Contest contest = contest(AiAttempts.CONSENSUS);
        ContestSubmission first = attempt("g", 0, 10, "AC", "t1=AC:y", true);
        ContestSubmission second = attempt("g", 1, 20, "WA", "t1=WA:x", true);
        ContestSubmission waiting = pending("g", 2, 30);
        Standings live = new Standings(contest, List.of(CARL), List.of(first, second, waiting),
                START.plusSeconds(7200), false);
        assertEquals(1, live.row(CARL.userId()).problems().get(0).pending());
        // the pending attempt is judged correct, behaving as the first: the consensus is correct
        ContestSubmission judged = new ContestSubmission(waiting.id(), waiting.userId(), waiting.problem(),
                waiting.submittedAt(), SubmissionStatus.DONE, Verdict.AC, null, List.of(),
                new AttemptTag("g", 2L, "t1=AC:y", true));
        assertTrue(live.apply(judged, false).rows().contains(CARL.userId()));
        ProblemResult a = live.row(CARL.userId()).problems().get(0);
        assertTrue(a.solved());
        assertEquals(30L, a.timeMinutes());
        assertEquals(1, a.attempts());
        assertEquals(Scoreboard.of(contest, List.of(CARL), List.of(first, second, judged), START.plusSeconds(7200),
                false).rows(), live.snapshot().rows());
    }

    @Test
    void theHeaderSaysWhichRuleApplied() {
        assertEquals("consensus", Scoreboard.of(contest(AiAttempts.CONSENSUS), List.of(CARL), List.of(),
                START, false).header().getString("ai_attempts"));
        assertEquals("every", Scoreboard.of(contest(AiAttempts.EVERY), List.of(CARL), List.of(), START, false)
                .header().getString("ai_attempts"));
    }
}
