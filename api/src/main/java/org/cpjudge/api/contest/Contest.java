package org.cpjudge.api.contest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A contest: when it runs, how it is scored, and whether its scoreboard freezes and it is rated.
 *
 * @param newcomerRule the rule for accounts in their first rated contests, or null for the server's
 * @param endedAt      when finalizing ended it before its scheduled end, else null
 * @param finalizedAt  when it was finalized (rating changes applied once), else null
 */
public record Contest(String id, String name, Instant startsAt, int durationMinutes, String scoring,
                      int freezeMinutes, boolean rated, String newcomerRule, Instant endedAt, Instant finalizedAt,
                      List<String> problems) {

    public Contest {
        problems = List.copyOf(problems);
    }

    public Instant scheduledEnd() {
        return startsAt.plus(Duration.ofMinutes(durationMinutes));
    }

    public Instant end() {
        return endedAt != null && endedAt.isBefore(scheduledEnd()) ? endedAt : scheduledEnd();
    }

    /** Results submitted from this moment on stay hidden on the public scoreboard until the contest is finalized. */
    public Instant freezeStart() {
        return scheduledEnd().minus(Duration.ofMinutes(freezeMinutes));
    }

    public boolean runningAt(Instant t) {
        return within(t) && finalizedAt == null;
    }

    /** Whether a try made at {@code t} falls inside the contest: from its start up to (not including) its end. */
    public boolean within(Instant t) {
        return !t.isBefore(startsAt) && t.isBefore(end());
    }

    public boolean frozenAt(Instant now) {
        return freezeMinutes > 0 && finalizedAt == null && !now.isBefore(freezeStart());
    }

    public boolean finalized() {
        return finalizedAt != null;
    }

    public String phaseAt(Instant now) {
        if (finalized()) {
            return "finalized";
        }
        if (now.isBefore(startsAt)) {
            return "upcoming";
        }
        return now.isBefore(end()) ? "running" : "ended";
    }

    public JsonObject toJson(Instant now) {
        return new JsonObject().put("id", id).put("name", name).put("start", startsAt.toString())
                .put("duration_minutes", durationMinutes).put("end", end().toString()).put("scoring", scoring)
                .put("problems", new JsonArray(List.copyOf(problems))).put("freeze_minutes", freezeMinutes)
                .put("rated", rated).put("newcomer_rule", newcomerRule).put("status", phaseAt(now))
                .put("frozen", frozenAt(now)).put("finalized_at", finalizedAt == null ? null : finalizedAt.toString());
    }
}
