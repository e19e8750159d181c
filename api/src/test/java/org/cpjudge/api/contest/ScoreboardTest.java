package org.cpjudge.api.contest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Verdict;
import org.junit.jupiter.api.Test;

/** Scoreboard rules: ICPC penalty, free compile errors, shared ranks, the freeze, IOI best scores. */
class ScoreboardTest {

    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final Participant ALICE = new Participant(1, "alice", "human");
    private static final Participant BOB = new Participant(2, "bob", "human");
    private static final Participant CARL = new Participant(3, "carl", "ai");

    private static Contest contest(String scoring, int freeze) {
        ContestRules rules = ContestRules.of(WireEnum.parse(Scoring.class, scoring).orElseThrow());
        return new Contest("c", "C", START, 120, freeze, rules, Admission.OPEN,
                List.of(new ContestProblem("a", "A", null), new ContestProblem("b", "B", null)), null, null, null);
    }

    static ContestSubmission submission(long userId, String problem, Instant at, String status, String verdict,
                                        Double score) {
        return new ContestSubmission(UUID.randomUUID(), userId, problem, at, SubmissionStatus.ofWire(status),
                verdict == null ? null : Verdict.valueOf(verdict), score);
    }

    private static ContestSubmission judged(Participant p, String problem, int minute, String verdict) {
        return submission(p.userId(), problem, START.plus(Duration.ofMinutes(minute)).plusSeconds(30),
                "done", verdict, null);
    }

    private static ContestSubmission scored(Participant p, String problem, int minute, String verdict, double score) {
        return submission(p.userId(), problem, START.plus(Duration.ofMinutes(minute)), "done", verdict, score);
    }

    @Test
    void icpcPenaltyIsTheMinuteOfEachFirstAcceptPlusTwentyPerRejectedTryAndCompileErrorsAreFree() {
        var tries = List.of(
                judged(ALICE, "a", 10, "WA"), judged(ALICE, "a", 12, "CE"), judged(ALICE, "a", 15, "AC"),
                judged(ALICE, "a", 20, "WA"), // after the accept: changes nothing
                judged(ALICE, "b", 30, "JE"), judged(ALICE, "b", 40, "AC"),
                judged(BOB, "a", 5, "AC"));
        Scoreboard board = Scoreboard.of(contest("icpc", 0), List.of(ALICE, BOB), tries, START.plusSeconds(3600), true);
        ScoreboardRow alice = board.rows().get(0);
        assertEquals("alice", alice.participant().handle());
        assertEquals(2, alice.solved());
        assertEquals(15 + 20 + 40, alice.penalty());
        ProblemResult a = alice.problems().get(0);
        assertEquals(2, a.attempts(), "the WA and the AC; the CE is free and the later WA does not count");
        assertEquals(15L, a.timeMinutes());
        ProblemResult b = alice.problems().get(1);
        assertEquals(1, b.attempts(), "the judge's error is not the contestant's try");
        assertEquals(2, board.rows().get(1).rank());
        assertEquals(5, board.rows().get(1).penalty());
    }

    @Test
    void equalRowsShareTheBestOfTheirPlaces() {
        var tries = List.of(judged(ALICE, "a", 10, "AC"), judged(BOB, "a", 10, "AC"));
        Scoreboard board = Scoreboard.of(contest("icpc", 0), List.of(ALICE, BOB, CARL), tries, START.plusSeconds(3600), true);
        assertEquals(List.of(1, 1, 3), board.rows().stream().map(ScoreboardRow::rank).toList());
        assertEquals("carl", board.rows().get(2).participant().handle());
        assertEquals(0, board.rows().get(2).tries());
    }

    @Test
    void theFreezeHidesLaterResultsAsPendingUntilFinalized() {
        var tries = List.of(judged(ALICE, "a", 10, "AC"), judged(BOB, "a", 100, "AC"), judged(BOB, "b", 101, "WA"));
        Contest frozen = contest("icpc", 30);
        Instant late = START.plus(Duration.ofMinutes(110));
        Scoreboard board = Scoreboard.of(frozen, List.of(ALICE, BOB), tries, late, true);
        assertTrue(board.frozen());
        ScoreboardRow bob = board.rows().stream().filter(r -> r.participant() == BOB).findFirst().orElseThrow();
        assertEquals(0, bob.solved());
        assertEquals(1, bob.problems().get(0).pending());
        assertEquals(1, bob.problems().get(1).pending());
        assertNull(bob.problems().get(0).timeMinutes());

        Scoreboard full = Scoreboard.of(frozen, List.of(ALICE, BOB), tries, late, false);
        assertFalse(full.frozen());
        assertEquals(1, full.rows().stream().filter(r -> r.participant() == BOB).findFirst().orElseThrow().solved());
    }

    @Test
    void submissionsNotJudgedYetArePendingAndCountNothing() {
        var tries = List.of(submission(1, "a", START.plusSeconds(60), "running", null, null));
        Scoreboard board = Scoreboard.of(contest("icpc", 0), List.of(ALICE), tries, START.plusSeconds(120), true);
        ProblemResult a = board.rows().get(0).problems().get(0);
        assertEquals(0, a.attempts());
        assertEquals(1, a.pending());
        assertFalse(a.solved());
    }

    @Test
    void ioiCountsEachProblemsBestScore() {
        var tries = List.of(
                scored(ALICE, "a", 10, "WA", 40), scored(ALICE, "a", 20, "WA", 70), scored(ALICE, "a", 30, "WA", 50),
                judged(ALICE, "b", 40, "AC"),
                scored(BOB, "a", 5, "AC", 100), judged(BOB, "b", 6, "WA"));
        Scoreboard board = Scoreboard.of(contest("ioi", 0), List.of(ALICE, BOB), tries, START.plusSeconds(7000), true);
        ScoreboardRow first = board.rows().get(0);
        assertEquals("alice", first.participant().handle());
        assertEquals(170, first.score(), 1e-9);
        assertEquals(20L, first.problems().get(0).timeMinutes(), "the minute of the best try");
        assertEquals(1, first.solved());
        ScoreboardRow second = board.rows().get(1);
        assertEquals(100, second.score(), 1e-9);
        assertEquals(2, second.rank());
    }

    @Test
    void triesOutsideTheContestWindowDoNotCount() {
        var tries = List.of(submission(1, "a", START.minusSeconds(5), "done", "AC", null),
                submission(1, "b", START.plus(Duration.ofMinutes(121)), "done", "AC", null));
        Scoreboard board = Scoreboard.of(contest("icpc", 0), List.of(ALICE), tries, START.plus(Duration.ofDays(1)), true);
        assertEquals(0, board.rows().get(0).solved());
        assertEquals(0, board.rows().get(0).tries());
    }
}
