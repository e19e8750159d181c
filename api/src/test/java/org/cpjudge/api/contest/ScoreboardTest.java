package org.cpjudge.api.contest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.SubtaskScore;
import org.cpjudge.judge.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Scoreboard rules: ICPC penalty and tie-breaks, free compile errors, shared ranks, the freeze, IOI subtask
 * maxima and best submissions, Codeforces round points, unofficial contestants, first solves, and the
 * incremental model agreeing with a board computed from scratch.
 */
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

    private static final Participant DAVE = new Participant(4, "dave", "human");

    private static Contest contest(ContestRules rules, List<ContestProblem> problems) {
        return new Contest("c", "C", START, 120, 0, rules, Admission.OPEN, problems, null, null, null);
    }

    private static List<Integer> ranks(Scoreboard board) {
        return board.rows().stream().map(ScoreboardRow::rank).toList();
    }

    private static List<String> handles(Scoreboard board) {
        return board.rows().stream().map(ScoreboardRow::handle).toList();
    }

    @Test
    void icpcEqualSolvedAndPenaltyGoToTheEarlierLastAcceptAndThenShareTheRank() {
        var tries = List.of(
                judged(ALICE, "a", 10, "AC"), judged(ALICE, "b", 50, "AC"),   // 60 minutes, last accept at 50
                judged(BOB, "a", 30, "AC"), judged(BOB, "b", 30, "AC"),       // 60 minutes, last accept at 30
                judged(DAVE, "b", 30, "AC"), judged(DAVE, "a", 30, "AC"),     // the same as bob
                judged(CARL, "a", 1, "AC"));
        Scoreboard board = Scoreboard.of(contest("icpc", 0), List.of(ALICE, BOB, CARL, DAVE), tries,
                START.plusSeconds(7200), true);
        assertEquals(List.of("bob", "dave", "alice", "carl"), handles(board));
        assertEquals(List.of(1, 1, 3, 4), ranks(board));
        assertEquals(60, board.rows().get(2).penalty());
        assertEquals(50, board.rows().get(2).lastAcceptedMinute());
    }

    @Test
    void icpcChargesTheContestsPenaltyPerRejectedTry() {
        ContestRules educational = new ContestRules(Scoring.ICPC, 10, IoiRule.SUBTASK_MAX, false, null,
                AiParticipation.RATED);
        Contest c = contest(educational, List.of(new ContestProblem("a", "A", null)));
        var tries = List.of(judged(ALICE, "a", 3, "WA"), judged(ALICE, "a", 4, "TLE"), judged(ALICE, "a", 5, "JE"),
                judged(ALICE, "a", 6, "CE"), judged(ALICE, "a", 15, "AC"), judged(ALICE, "a", 16, "WA"));
        ScoreboardRow alice = Scoreboard.of(c, List.of(ALICE), tries, START.plusSeconds(7200), true).rows().get(0);
        assertEquals(15 + 2 * 10, alice.penalty(), "two rejected tries at 10 minutes; JE, CE and tries after the AC are free");
        assertEquals(3, alice.problems().get(0).attempts());
    }

    private static ContestSubmission subtasks(Participant p, String problem, int minute, String verdict,
                                              double... scores) {
        List<SubtaskScore> list = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < scores.length; i++) {
            list.add(new SubtaskScore("secret/group" + (i + 1), scores[i], 50));
            total += scores[i];
        }
        return new ContestSubmission(UUID.randomUUID(), p.userId(), problem, START.plus(Duration.ofMinutes(minute)),
                SubmissionStatus.DONE, Verdict.valueOf(verdict), total, list);
    }

    private static Contest ioi(IoiRule rule) {
        return contest(new ContestRules(Scoring.IOI, 20, rule, false, null, AiParticipation.RATED),
                List.of(new ContestProblem("a", "A", null), new ContestProblem("b", "B", null)));
    }

    @Test
    void ioiSubtaskMaxAddsEachSubtasksBestOverAllSubmissions() {
        var tries = List.of(
                subtasks(ALICE, "a", 10, "WA", 50, 0), subtasks(ALICE, "a", 20, "WA", 0, 50),  // 50 + 50
                judged(ALICE, "b", 30, "WA"),                                                   // pass-fail: 0
                subtasks(BOB, "a", 5, "WA", 50, 20), judged(BOB, "b", 6, "AC"),                 // 70 + 100
                subtasks(CARL, "a", 7, "AC", 50, 50));                                          // 100
        Scoreboard board = Scoreboard.of(ioi(IoiRule.SUBTASK_MAX), List.of(ALICE, BOB, CARL), tries,
                START.plusSeconds(7200), true);
        assertEquals(List.of("bob", "alice", "carl"), handles(board));
        assertEquals(List.of(1, 2, 2), ranks(board), "equal totals share the rank");
        ScoreboardRow alice = board.rows().get(1);
        assertEquals(100, alice.score(), 1e-9);
        assertEquals(100, alice.problems().get(0).score(), 1e-9);
        assertEquals(20L, alice.problems().get(0).timeMinutes(), "the minute the best total was reached");
        assertEquals(170, board.rows().get(0).score(), 1e-9);
    }

    @Test
    void ioiBestSubmissionTakesTheBestSingleSubmission() {
        var tries = List.of(subtasks(ALICE, "a", 10, "WA", 50, 0), subtasks(ALICE, "a", 20, "WA", 0, 50),
                subtasks(ALICE, "a", 25, "WA", 10, 30),
                scored(BOB, "a", 5, "WA", 40));   // no subtask scores: one subtask worth its total
        Scoreboard board = Scoreboard.of(ioi(IoiRule.BEST_SUBMISSION), List.of(ALICE, BOB), tries,
                START.plusSeconds(7200), true);
        assertEquals(50, board.rows().get(0).score(), 1e-9);
        assertEquals(10L, board.rows().get(0).problems().get(0).timeMinutes());
        assertEquals(40, board.rows().get(1).score(), 1e-9);
        Scoreboard max = Scoreboard.of(ioi(IoiRule.SUBTASK_MAX), List.of(ALICE, BOB), tries, START.plusSeconds(7200), true);
        assertEquals(100, max.rows().get(0).score(), 1e-9);
        assertEquals(40, max.rows().get(1).score(), 1e-9);
    }

    @Test
    void codeforcesPointsDropWithTimeAndRejectionsButNotBelowThirtyPercent() {
        Contest round = contest(new ContestRules(Scoring.CODEFORCES, 20, IoiRule.SUBTASK_MAX, false, null,
                AiParticipation.RATED), List.of(new ContestProblem("a", "A", 500), new ContestProblem("b", "B", 1000)));
        var tries = List.of(
                judged(ALICE, "a", 9, "WA"), judged(ALICE, "a", 10, "AC"),    // 500 - 20 - 50 = 430
                judged(BOB, "b", 119, "WA"), judged(BOB, "b", 119, "WA"), judged(BOB, "b", 119, "WA"),
                judged(BOB, "b", 119, "WA"), judged(BOB, "b", 119, "WA"), judged(BOB, "b", 119, "AC"), // floor: 300
                judged(CARL, "a", 17, "AC"),                                  // 500 - floor(34) = 466
                judged(DAVE, "a", 0, "CE"), judged(DAVE, "a", 17, "AC"), judged(DAVE, "b", 20, "WA"));  // 466
        Scoreboard board = Scoreboard.of(round, List.of(ALICE, BOB, CARL, DAVE), tries, START.plusSeconds(7200), true);
        assertEquals(List.of("carl", "dave", "alice", "bob"), handles(board));
        assertEquals(List.of(1, 1, 3, 4), ranks(board));
        assertEquals(466, board.rows().get(0).score(), 1e-9);
        assertEquals(430, board.rows().get(2).score(), 1e-9);
        assertEquals(300, board.rows().get(3).score(), 1e-9);
        assertEquals(0, board.rows().get(3).penalty(), "a round has no penalty");
        assertEquals(802, ScoringRule.CodeforcesRound.points(1000, 37, 1, 120), 1e-9, "1000 - floor(148) - 50");
        assertEquals(525, ScoringRule.CodeforcesRound.points(1750, 119, 20, 120), 1e-9);
    }

    @Test
    void unofficialContestantsStayOnTheBoardWithoutTakingOfficialPlaces() {
        ContestRules rules = new ContestRules(Scoring.ICPC, 20, IoiRule.SUBTASK_MAX, true, null,
                AiParticipation.UNOFFICIAL);
        Contest c = contest(rules, List.of(new ContestProblem("a", "A", null), new ContestProblem("b", "B", null)));
        var tries = List.of(judged(CARL, "a", 1, "AC"), judged(CARL, "b", 2, "AC"),
                judged(ALICE, "a", 10, "AC"), judged(DAVE, "a", 10, "AC"));
        Scoreboard board = Scoreboard.of(c, List.of(ALICE, BOB, CARL, DAVE), tries, START.plusSeconds(7200), true);
        assertEquals(List.of("carl", "alice", "dave", "bob"), handles(board));
        assertEquals(List.of(1, 1, 1, 3), ranks(board), "carl's place is the one it would have had");
        assertTrue(board.rows().get(0).unofficial());
        assertTrue(board.rows().get(0).toJson().getBoolean("unofficial"));
        assertNull(board.rows().get(1).toJson().getValue("unofficial"));
        Scoreboard rated = Scoreboard.of(contest("icpc", 0), List.of(ALICE, BOB, CARL, DAVE), tries,
                START.plusSeconds(7200), true);
        assertEquals(List.of(1, 2, 2, 4), ranks(rated), "when AI contestants are rated they take places");
    }

    @Test
    void theFirstAcceptedSolveOfEachProblemIsMarkedAndTiesAtTheSameInstantAllAre() {
        Instant at = START.plus(Duration.ofMinutes(7));
        var tries = List.of(submission(1, "a", at, "done", "AC", null), submission(2, "a", at, "done", "AC", null),
                judged(DAVE, "a", 3, "WA"), judged(CARL, "a", 9, "AC"), judged(CARL, "b", 50, "AC"));
        Scoreboard board = Scoreboard.of(contest("icpc", 0), List.of(ALICE, BOB, CARL, DAVE), tries,
                START.plusSeconds(7200), true);
        for (ScoreboardRow row : board.rows()) {
            boolean firstOnA = row.handle().equals("alice") || row.handle().equals("bob");
            assertEquals(firstOnA, row.problems().get(0).firstSolve(), row.handle());
            assertEquals(row.handle().equals("carl"), row.problems().get(1).firstSolve(), row.handle());
        }
        var cell = board.rows().stream().filter(r -> r.handle().equals("alice")).findFirst().orElseThrow()
                .toJson().getJsonArray("problems").getJsonObject(0);
        assertEquals("A", cell.getString("label"));
        assertTrue(cell.getBoolean("first_solve"));
    }

    @Test
    void rowsCarryNamesAffiliationAndTheTitleOfTheCurrentRating() {
        Participant rated = new Participant(5, "erin", "human", "Team Erin", "ETH", 1650);
        Participant unrated = new Participant(6, "finn", "human", null, null, null);
        Scoreboard board = Scoreboard.of(contest("icpc", 0), List.of(rated, unrated), List.of(), START, true);
        var erin = board.rows().get(0).toJson();
        assertEquals("Team Erin", erin.getString("display_name"));
        assertEquals("ETH", erin.getString("affiliation"));
        assertEquals("Expert", erin.getString("title"));
        assertNull(board.rows().get(1).toJson().getString("title"));
        assertEquals(board.rows().get(0).toJson(), new io.vertx.core.json.JsonObject(board.rows().get(0).encode()),
                "the cached encoding says the same as the JSON");
    }

    /** Verdicts landing one by one, in any order, rejudges included, end where a board built at once does. */
    @Test
    void theIncrementalModelAgreesWithABoardComputedFromScratch() {
        Random random = new Random(8);
        String[] verdicts = {"AC", "WA", "TLE", "CE", "JE"};
        for (String scoring : List.of("icpc", "ioi", "codeforces")) {
            Contest c = contest(scoring, 30);
            List<Participant> people = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                people.add(new Participant(i, "u" + i, i % 7 == 0 ? "ai" : "human"));
            }
            Instant late = START.plus(Duration.ofMinutes(110));
            for (boolean hide : List.of(true, false)) {
                Standings live = new Standings(c, people, List.of(), late, hide);
                List<ContestSubmission> all = new ArrayList<>();
                for (int k = 0; k < 400; k++) {
                    ContestSubmission s;
                    if (!all.isEmpty() && random.nextInt(4) == 0) {
                        ContestSubmission old = all.remove(random.nextInt(all.size())); // rejudged
                        s = new ContestSubmission(old.id(), old.userId(), old.problem(), old.submittedAt(),
                                SubmissionStatus.DONE, Verdict.valueOf(verdicts[random.nextInt(5)]),
                                (double) random.nextInt(101));
                    } else {
                        boolean done = random.nextInt(5) > 0;
                        s = new ContestSubmission(UUID.randomUUID(), 1 + random.nextInt(40), random.nextBoolean() ? "a" : "b",
                                START.plusSeconds(random.nextInt(120 * 60)), done ? SubmissionStatus.DONE : SubmissionStatus.QUEUED,
                                done ? Verdict.valueOf(verdicts[random.nextInt(5)]) : null,
                                done ? (double) random.nextInt(101) : null);
                    }
                    all.add(s);
                    live.apply(s, false);
                }
                all.sort(java.util.Comparator.comparing(ContestSubmission::submittedAt).thenComparing(ContestSubmission::id));
                Scoreboard scratch = Scoreboard.of(c, people, all, late, hide);
                assertEquals(scratch.toJson(), live.snapshot().toJson(), scoring + (hide ? " public" : " jury"));
            }
        }
    }
}
