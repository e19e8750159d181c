package org.cpjudge.api.contest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A contestant's line on the scoreboard. {@code tries}: how many tries they made in all, pending ones included. */
public record ScoreboardRow(int rank, Participant participant, int solved, long penalty, double score,
                            List<ProblemResult> problems, int tries) {

    ScoreboardRow withRank(int newRank) {
        return new ScoreboardRow(newRank, participant, solved, penalty, score, problems, tries);
    }

    JsonObject toJson() {
        JsonArray cells = new JsonArray();
        problems.forEach(p -> cells.add(p.toJson()));
        return new JsonObject().put("rank", rank).put("handle", participant.handle()).put("kind", participant.kind())
                .put("solved", solved).put("penalty", penalty).put("score", score).put("problems", cells);
    }
}
