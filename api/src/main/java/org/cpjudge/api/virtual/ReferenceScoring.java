package org.cpjudge.api.virtual;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.ContestSubmission;
import org.cpjudge.api.contest.Participant;
import org.cpjudge.api.contest.Scoreboard;
import org.cpjudge.api.contest.ScoreboardRow;
import org.cpjudge.api.contest.Scoring;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Verdict;
import org.cpjudge.rating.Result;

/**
 * Scores for the real standings and virtual runs alike, by the contest's own board, so that the scoring rules
 * are written once ({@link org.cpjudge.api.contest.ScoringRule}): a row's points are problems solved in ICPC and
 * points otherwise, and its penalty the board's, as finalizing rates a contest.
 */
public final class ReferenceScoring {

    private ReferenceScoring() {
    }

    /** The contest as it was held on schedule, without freeze: every try within its duration counts. */
    static Contest asHeld(Contest c) {
        return new Contest(c.id(), c.name(), c.startsAt(), c.durationMinutes(), 0, c.rules(), c.admission(),
                c.problems(), null, null, null);
    }

    /** One contestant's row on a board of {@code tries} alone (each already placed at its moment of the contest). */
    static ScoreboardRow row(Contest contest, Participant who, List<ContestSubmission> tries, Instant now) {
        return Scoreboard.of(asHeld(contest), List.of(who), tries, now, false).rows().get(0);
    }

    static double points(Contest contest, ScoreboardRow row) {
        return contest.scoring() == Scoring.ICPC ? row.solved() : row.score();
    }

    /**
     * The score of a real participant's per-problem results: each problem's rejected tries, then its accepted
     * one, replayed at their minute (an unsolved problem's tries at its minute, or 0), scored by the board.
     */
    public static Result.Score of(Contest contest, List<ProblemCell> cells) {
        List<ContestSubmission> tries = new ArrayList<>();
        for (ProblemCell cell : cells) {
            Instant at = contest.startsAt().plus(Duration.ofMinutes(cell.minute() == null ? 0 : cell.minute()));
            for (int k = 0; k < cell.rejected(); k++) {
                tries.add(judged(cell.problemId(), at.plusNanos(k), Verdict.WA, null));
            }
            if (cell.solved()) {
                tries.add(judged(cell.problemId(), at.plusNanos(cell.rejected()), Verdict.AC, cell.points()));
            } else if (cell.points() != null && cell.points() > 0) {
                // partial points (IOI): a try that scored them without being accepted
                tries.add(judged(cell.problemId(), at.plusNanos(cell.rejected()), Verdict.WA, cell.points()));
            }
        }
        ScoreboardRow row = row(contest, new Participant(0, "reference", "human"), tries, contest.startsAt());
        return new Result.Score(points(contest, row), row.penalty());
    }

    private static ContestSubmission judged(String problem, Instant at, Verdict verdict, Double score) {
        return new ContestSubmission(UUID.randomUUID(), 0, problem, at, SubmissionStatus.DONE, verdict, score);
    }
}
