package org.cpjudge.api.contest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A contest's standings at one moment, computed from its registered contestants and the tries that count in
 * it; rows in rank order.
 *
 * @param frozen whether results after the freeze are hidden (they show as pending)
 */
public record Scoreboard(Contest contest, boolean frozen, List<ScoreboardRow> rows) {

    /**
     * @param tries every submission made in the contest, oldest first
     * @param hideFrozen hide tries made after the freeze started, as the public board does until unfrozen
     */
    public static Scoreboard of(Contest contest, List<Participant> participants, List<ContestSubmission> tries,
                                Instant now, boolean hideFrozen) {
        return new Standings(contest, participants, tries, now, hideFrozen).snapshot();
    }

    /** The board's fields but its rows (contest, scoring, the AI attempt rule applied, frozen, problems, labels). */
    public JsonObject header() {
        JsonArray labels = new JsonArray();
        contest.problems().forEach(p -> labels.add(p.label()));
        return new JsonObject().put("contest", contest.id()).put("scoring", WireEnum.wire(contest.scoring()))
                .put("ai_attempts", WireEnum.wire(contest.rules().aiAttempts())).put("frozen", frozen)
                .put("problems", new JsonArray(contest.problemIds())).put("labels", labels);
    }

    public JsonObject toJson() {
        JsonArray list = new JsonArray();
        rows.forEach(r -> list.add(r.toJson()));
        return header().put("rows", list);
    }
}
