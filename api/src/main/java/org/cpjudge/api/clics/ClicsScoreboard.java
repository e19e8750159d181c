package org.cpjudge.api.clics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.Participant;
import org.cpjudge.api.contest.ProblemResult;
import org.cpjudge.api.contest.Scoreboard;
import org.cpjudge.api.contest.ScoreboardRow;
import org.cpjudge.api.contest.Scoring;

/**
 * The CLICS scoreboard, translated from our own: ranks, ties and penalties are whatever our scoring engine
 * says, so both APIs always agree. {@link #compute} is the one place that calls the engine.
 */
public final class ClicsScoreboard {

    private ClicsScoreboard() {
    }

    /** ICPC contests are {@code pass-fail}; IOI and Codeforces rounds, where problems give points, {@code score}. */
    public static String type(Contest contest) {
        return contest.scoring() == Scoring.ICPC ? "pass-fail" : "score";
    }

    /**
     * The one call into our scoring engine: the board of the teams {@code member} admits (all of them, or one
     * group's, ranked on their own as a group scoreboard is).
     */
    static Scoreboard compute(ContestData data, Audience audience, Instant now, Predicate<Participant> member) {
        List<Participant> participants = data.teams().stream().map(ContestData.Team::participant).filter(member).toList();
        return Scoreboard.of(data.contest(), participants,
                data.submissions().stream().map(ContestData.Submission::forScoreboard).toList(), now,
                audience.hidesFrozen());
    }

    /** The rows: by rank, then by team name within a rank, as the specification orders them. */
    static JsonArray rows(Scoreboard board, Function<Participant, String> teamId, Function<Participant, String> teamName) {
        boolean passFail = "pass-fail".equals(type(board.contest()));
        List<ScoreboardRow> rows = new ArrayList<>(board.rows());
        rows.sort(Comparator.comparingInt(ScoreboardRow::rank).thenComparing(r -> teamName.apply(r.participant())));
        JsonArray list = new JsonArray();
        for (ScoreboardRow r : rows) {
            JsonArray problems = new JsonArray();
            long lastImprovement = -1;
            for (ProblemResult p : r.problems()) {
                JsonObject cell = new JsonObject().put("problem_id", ClicsIds.of(p.problem()))
                        .put("num_judged", p.attempts()).put("num_pending", p.pending());
                boolean counts = passFail ? p.solved() : p.score() > 0;
                if (passFail) {
                    cell.put("solved", p.solved());
                } else {
                    cell.put("score", p.score());
                }
                if (counts && p.timeMinutes() != null) {
                    long minute = Math.max(0, p.timeMinutes());
                    cell.put("time", minute);
                    lastImprovement = Math.max(lastImprovement, minute);
                }
                problems.add(cell);
            }
            JsonObject score = passFail
                    ? new JsonObject().put("num_solved", r.solved()).put("total_time", Math.max(0, r.penalty()))
                    : new JsonObject().put("score", r.score());
            if (lastImprovement >= 0) {
                score.put("time", lastImprovement);
            }
            list.add(new JsonObject().put("rank", r.rank()).put("team_id", teamId.apply(r.participant()))
                    .put("score", score).put("problems", problems));
        }
        return list;
    }
}
