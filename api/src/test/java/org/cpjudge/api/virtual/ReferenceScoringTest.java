package org.cpjudge.api.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.cpjudge.api.contest.Admission;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.ContestProblem;
import org.cpjudge.api.contest.ContestRules;
import org.cpjudge.api.contest.Scoring;
import org.cpjudge.rating.Result;
import org.junit.jupiter.api.Test;

/** Real participants' per-problem results come to the score the contest's own rule gives them. */
class ReferenceScoringTest {

    private static Contest contest(Scoring scoring) {
        return new Contest("ref", "Ref", Instant.parse("2026-01-01T10:00:00Z"), 120, 0, ContestRules.of(scoring),
                Admission.OPEN, List.of(new ContestProblem("p1", "A", 500), new ContestProblem("p2", "B", 1000)),
                null, null, null);
    }

    @Test
    void icpcCountsSolvedProblemsAndTheirMinutesWithTwentyPerRejectedTry() {
        Result.Score s = ReferenceScoring.of(contest(Scoring.ICPC), List.of(
                new ProblemCell("p1", true, 10, 2, null),
                new ProblemCell("p2", false, null, 5, null)));
        assertEquals(new Result.Score(1, 10 + 2 * 20), s);
    }

    @Test
    void ioiAddsEachProblemsPointsAndAFullScoreForASolveWithoutPoints() {
        Result.Score s = ReferenceScoring.of(contest(Scoring.IOI), List.of(
                new ProblemCell("p1", false, 30, 1, 40.0),
                new ProblemCell("p2", true, 50, 0, null)));
        assertEquals(new Result.Score(140, 0), s);
    }

    @Test
    void aCodeforcesRoundDecaysTheValueByMinuteAndFiftyPerRejectedTry() {
        Result.Score s = ReferenceScoring.of(contest(Scoring.CODEFORCES), List.of(
                new ProblemCell("p1", true, 60, 1, null),
                new ProblemCell("p2", true, 0, 0, null)));
        // 500 - floor(120*500*60/(250*120)) - 50 = 330; 1000 at minute 0
        assertEquals(new Result.Score(330 + 1000, 0), s);
    }
}
