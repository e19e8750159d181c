package org.cpjudge.api.contest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A contest: when it runs, its problems, how it is scored and rated, who may take part, and where it is in
 * its life (ended early, unfrozen, finalized).
 *
 * @param endedAt     when finalizing ended it before its scheduled end, else null
 * @param unfrozenAt  when an administrator lifted the freeze before finalizing, else null
 * @param finalizedAt when it was finalized (rating changes applied once), else null
 */
public record Contest(String id, String name, Instant startsAt, int durationMinutes, int freezeMinutes,
                      ContestRules rules, Admission admission, List<ContestProblem> problems,
                      Instant endedAt, Instant unfrozenAt, Instant finalizedAt) {

    public Contest {
        problems = List.copyOf(problems);
    }

    /** The contest as the public sees it before its start: without its problems. */
    public Contest withoutProblems() {
        return new Contest(id, name, startsAt, durationMinutes, freezeMinutes, rules, admission, List.of(), endedAt,
                unfrozenAt, finalizedAt);
    }

    public Scoring scoring() {
        return rules.scoring();
    }

    public boolean rated() {
        return rules.rated();
    }

    public String newcomerRule() {
        return rules.newcomerRule();
    }

    public List<String> problemIds() {
        return problems.stream().map(ContestProblem::problemId).toList();
    }

    public Optional<ContestProblem> problem(String problemId) {
        return problems.stream().filter(p -> p.problemId().equals(problemId)).findFirst();
    }

    public boolean includes(String problemId) {
        return problem(problemId).isPresent();
    }

    public Instant scheduledEnd() {
        return startsAt.plus(Duration.ofMinutes(durationMinutes));
    }

    /** When it ended or will end; a contest finalized before its start (called off) ends at its start. */
    public Instant end() {
        if (endedAt == null || !endedAt.isBefore(scheduledEnd())) {
            return scheduledEnd();
        }
        return endedAt.isBefore(startsAt) ? startsAt : endedAt;
    }

    /** Results submitted from this moment on stay hidden on the public scoreboard until unfrozen or finalized. */
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

    public boolean startedAt(Instant now) {
        return !now.isBefore(startsAt);
    }

    /** Over: ended (on schedule or early) or finalized. */
    public boolean overAt(Instant now) {
        return finalized() || !now.isBefore(end());
    }

    public boolean frozenAt(Instant now) {
        return freezeMinutes > 0 && finalizedAt == null && unfrozenAt == null && !now.isBefore(freezeStart());
    }

    public boolean finalized() {
        return finalizedAt != null;
    }

    /** The minute of the contest a try made at {@code t} counts at. */
    public long minuteOf(Instant t) {
        return Duration.between(startsAt, t).toMinutes();
    }

    public boolean registrationOpenAt(Instant now) {
        Instant opens = admission.registrationOpens();
        Instant closes = admission.registrationCloses() != null ? admission.registrationCloses() : end();
        return !overAt(now) && (opens == null || !now.isBefore(opens)) && now.isBefore(closes);
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

    /** The contest as the API shows it to anyone; the invitation code only to administrators. */
    public JsonObject toJson(Instant now, boolean forAdministrator) {
        JsonArray labels = new JsonArray();
        JsonObject points = new JsonObject();
        JsonObject ratings = new JsonObject();
        // before the start its problems do not exist for anyone but administrators
        List<ContestProblem> shown = forAdministrator || startedAt(now) ? problems : List.of();
        for (ContestProblem p : shown) {
            labels.add(p.label());
            if (p.points() != null) {
                points.put(p.problemId(), p.points());
            }
            if (p.rating() != null) {
                ratings.put(p.problemId(), p.rating());
            }
        }
        JsonObject json = new JsonObject().put("id", id).put("name", name).put("start", startsAt.toString())
                .put("duration_minutes", durationMinutes).put("end", end().toString())
                .put("scoring", WireEnum.wire(rules.scoring()))
                .put("problems", new JsonArray(shown.stream().map(ContestProblem::problemId).toList()))
                .put("labels", labels).put("problem_count", problems.size())
                .put("freeze_minutes", freezeMinutes).put("penalty_minutes", rules.penaltyMinutes())
                .put("ioi_rule", WireEnum.wire(rules.ioiRule()))
                .put("rated", rules.rated()).put("newcomer_rule", rules.newcomerRule())
                .put("ai_participation", WireEnum.wire(rules.ai()))
                .put("ai_attempts", WireEnum.wire(rules.aiAttempts()))
                .put("visibility", WireEnum.wire(admission.visibility()))
                .put("registration_opens", text(admission.registrationOpens()))
                .put("registration_closes", text(admission.registrationCloses()))
                .put("registration_open", registrationOpenAt(now))
                .put("practice_after", admission.practiceAfter())
                .put("sources_public_after", admission.sourcesPublicAfter())
                .put("status", phaseAt(now)).put("frozen", frozenAt(now))
                .put("unfrozen_at", text(unfrozenAt)).put("finalized_at", text(finalizedAt));
        if (!points.isEmpty()) {
            json.put("points", points);
        }
        if (!ratings.isEmpty()) {
            json.put("ratings", ratings);
        }
        if (forAdministrator) {
            json.put("invitation_code", admission.invitationCode());
        }
        return json;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
