package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.cpjudge.api.contest.Admission;
import org.cpjudge.api.contest.AiAttempts;
import org.cpjudge.api.contest.AiParticipation;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.ContestProblem;
import org.cpjudge.api.contest.ContestRules;
import org.cpjudge.api.contest.IoiRule;
import org.cpjudge.api.contest.NewcomerRules;
import org.cpjudge.api.contest.Scoring;
import org.cpjudge.api.contest.Visibility;
import org.cpjudge.api.contest.WireEnum;
import org.cpjudge.api.store.ProblemStore;

/**
 * The body of {@code POST /api/v1/contests} and {@code PATCH /api/v1/contests/{id}}, read into a contest. The
 * body has passed the document's schema (ContestFields: each field's type, words and bounds, and which fields a
 * create needs); what is checked here is what a schema cannot say, refused with a 400 that names the field. A
 * patch starts from the stored contest and changes only the fields it carries (a field sent as null goes back to
 * its default).
 */
final class ContestForm {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]{1,8}");

    private final ProblemStore problems;

    ContestForm(ProblemStore problems) {
        this.problems = problems;
    }

    Contest create(JsonObject body) throws Exception {
        String id = body.getString("id");
        // again here: the schema's pattern lets a trailing newline through ($ matches before it in Java)
        if (!ID.matcher(id).matches()) {
            throw ApiException.badRequest("invalid_id",
                    "a contest id is 1 to 64 lower-case letters, digits, '_' or '-', starting with a letter or digit");
        }
        return read(id, body, null);
    }

    Contest patch(Contest current, JsonObject body) throws Exception {
        if (body.containsKey("id") && !current.id().equals(body.getValue("id"))) {
            throw ApiException.badRequest("invalid_field", "a contest's 'id' cannot change");
        }
        return read(current.id(), body, current);
    }

    private Contest read(String id, JsonObject body, Contest base) throws Exception {
        Fields f = new Fields(body, base != null);
        String name = f.has("name") ? body.getString("name") : base.name();
        Instant start = f.has("start") ? instant(body, "start") : base.startsAt();
        int duration = f.has("duration_minutes") ? body.getInteger("duration_minutes") : base.durationMinutes();
        int freeze = f.has("freeze_minutes") ? whole(body, "freeze_minutes", 0) : base.freezeMinutes();
        if (freeze > duration) {
            throw ApiException.badRequest("invalid_field", "'freeze_minutes' must be from 0 to " + duration);
        }
        ContestRules rules = rules(body, f, base == null ? null : base.rules());
        List<ContestProblem> list = problems(body, f, base, rules.scoring());
        Admission admission = admission(body, f, base == null ? null : base.admission());
        return new Contest(id, name, start, duration, freeze, rules, admission, list, null, null, null);
    }

    private static ContestRules rules(JsonObject body, Fields f, ContestRules base) {
        Scoring scoring = f.has("scoring") ? choice(body, "scoring", Scoring.class, Scoring.ICPC) : base.scoring();
        int penalty = f.has("penalty_minutes")
                ? whole(body, "penalty_minutes", ContestRules.DEFAULT_PENALTY_MINUTES) : base.penaltyMinutes();
        IoiRule ioi = f.has("ioi_rule") ? choice(body, "ioi_rule", IoiRule.class, IoiRule.SUBTASK_MAX) : base.ioiRule();
        boolean rated = f.has("rated") ? bool(body, "rated", false) : base.rated();
        String rule = f.has("newcomer_rule") ? body.getString("newcomer_rule") : base.newcomerRule();
        if (rule != null && !NewcomerRules.known(rule)) {
            throw ApiException.badRequest("invalid_field", "'newcomer_rule' must be \"codeforces-2020\" or \"start-1500\"");
        }
        AiParticipation ai = f.has("ai_participation")
                ? choice(body, "ai_participation", AiParticipation.class, AiParticipation.RATED) : base.ai();
        AiAttempts attempts = f.has("ai_attempts")
                ? choice(body, "ai_attempts", AiAttempts.class, AiAttempts.EVERY) : base.aiAttempts();
        return new ContestRules(scoring, penalty, ioi, rated, rule, ai, attempts);
    }

    private static Admission admission(JsonObject body, Fields f, Admission base) {
        Admission b = base == null ? Admission.OPEN : base;
        Visibility visibility = f.has("visibility")
                ? choice(body, "visibility", Visibility.class, Visibility.PUBLIC) : b.visibility();
        String code = f.has("invitation_code") ? body.getString("invitation_code") : b.invitationCode();
        if (code != null && code.isBlank()) {
            throw ApiException.badRequest("invalid_field", "'invitation_code' must not be blank");
        }
        Instant opens = f.has("registration_opens") ? instant(body, "registration_opens") : b.registrationOpens();
        Instant closes = f.has("registration_closes") ? instant(body, "registration_closes") : b.registrationCloses();
        if (opens != null && closes != null && closes.isBefore(opens)) {
            throw ApiException.badRequest("invalid_field", "'registration_closes' comes before 'registration_opens'");
        }
        boolean practice = f.has("practice_after") ? bool(body, "practice_after", true) : b.practiceAfter();
        boolean sources = f.has("sources_public_after")
                ? bool(body, "sources_public_after", false) : b.sourcesPublicAfter();
        return new Admission(visibility, code, opens, closes, practice, sources);
    }

    /** The problems in order with their labels (A, B, ... by default) and, in a Codeforces round, their values. */
    private List<ContestProblem> problems(JsonObject body, Fields f, Contest base, Scoring scoring) throws Exception {
        List<String> ids = f.has("problems") ? problemIds(body) : base.problemIds();
        List<String> labels;
        if (f.has("labels") && body.getValue("labels") != null) {
            labels = labels(body, ids.size());
        } else if (!f.has("labels") && !f.has("problems") && base != null) {
            labels = base.problems().stream().map(ContestProblem::label).toList();
        } else {
            labels = defaultLabels(ids.size());
        }
        JsonObject points = f.has("points") ? body.getJsonObject("points") : null;
        JsonObject ratings = f.has("ratings") ? body.getJsonObject("ratings") : null;
        List<ContestProblem> list = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String p = ids.get(i);
            Integer value = perProblem(points, "points", p, f, base, ContestProblem::points);
            if (scoring == Scoring.CODEFORCES && value == null) {
                throw ApiException.badRequest("missing_field",
                        "a Codeforces round needs 'points' for every problem, such as {\"" + p + "\": 500}");
            }
            Integer rating = perProblem(ratings, "ratings", p, f, base, ContestProblem::rating);
            list.add(new ContestProblem(p, labels.get(i), value, rating));
        }
        onlyProblemsOf(points, "points", ids);
        onlyProblemsOf(ratings, "ratings", ids);
        return list;
    }

    /** A per-problem value ({@code "points"}, {@code "ratings"}): given, else kept from the contest being patched. */
    private static Integer perProblem(JsonObject given, String field, String problem, Fields f, Contest base,
                                      java.util.function.Function<ContestProblem, Integer> kept) {
        if (given != null && given.containsKey(problem)) {
            return given.getInteger(problem);
        }
        if (!f.has(field) && base != null) {
            return base.problem(problem).map(kept).orElse(null);
        }
        return null;
    }

    private static void onlyProblemsOf(JsonObject given, String field, List<String> ids) {
        if (given != null) {
            for (String key : given.fieldNames()) {
                if (!ids.contains(key)) {
                    throw ApiException.badRequest("invalid_field",
                            "'" + field + "' names '" + key + "', not a problem of the contest");
                }
            }
        }
    }

    private List<String> problemIds(JsonObject body) throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        for (Object o : body.getJsonArray("problems")) {
            String p = (String) o;
            if (!ids.add(p)) {
                throw ApiException.badRequest("duplicate_problem", "problem '" + p + "' is listed twice");
            }
            if (problems.find(p).isEmpty()) {
                throw ApiException.badRequest("unknown_problem", "no problem has the id '" + p + "'; import it first");
            }
        }
        return new ArrayList<>(ids);
    }

    private static List<String> labels(JsonObject body, int count) {
        JsonArray list = body.getJsonArray("labels");
        if (list.size() != count) {
            throw ApiException.badRequest("invalid_field", "'labels' must give one label for each of the " + count
                    + " problems, in their order");
        }
        List<String> labels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object o : list) {
            // the schema's pattern says the same, but lets a trailing newline through
            if (!(o instanceof String label) || !LABEL.matcher(label).matches()) {
                throw ApiException.badRequest("invalid_field", "each label is 1 to 8 letters or digits, such as \"A\"");
            }
            if (!seen.add(label)) {
                throw ApiException.badRequest("invalid_field", "label '" + label + "' is given twice");
            }
            labels.add(label);
        }
        return labels;
    }

    /** A, B, ..., Z, then P27, P28, ... */
    static List<String> defaultLabels(int count) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            labels.add(i < 26 ? String.valueOf((char) ('A' + i)) : "P" + (i + 1));
        }
        return labels;
    }

    /** The schema lists the words; the enum is parsed here, refused still should the two ever disagree. */
    private static <E extends Enum<E>> E choice(JsonObject body, String field, Class<E> type, E fallback) {
        String text = body.getString(field);
        if (text == null) {
            return fallback;
        }
        return WireEnum.parse(type, text).orElseThrow(() -> ApiException.badRequest("invalid_" + field,
                "'" + field + "' must be one of " + WireEnum.choices(type)));
    }

    private static boolean bool(JsonObject body, String field, boolean fallback) {
        Boolean b = body.getBoolean(field);
        return b == null ? fallback : b;
    }

    /** A whole number the schema bounded, or {@code fallback} when null. */
    private static int whole(JsonObject body, String field, int fallback) {
        Integer n = body.getInteger(field);
        return n == null ? fallback : n;
    }

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private static Instant instant(JsonObject body, String field) {
        String text = body.getString(field);
        if (text == null) {
            return null;
        }
        try {
            Instant at = OffsetDateTime.parse(text).toInstant();
            // PostgreSQL's timestamptz stops in 294276 AD; years past 9999 are typing slips, not contests
            if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
                throw ApiException.badRequest("invalid_field", "'" + field + "' must lie in the years 1970 to 9999");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_field",
                    "'" + field + "' must be an ISO-8601 time with an offset, such as 2026-11-24T10:00:00Z");
        }
    }

    /** Which fields a body sets: all of them when creating, those present when patching. */
    private record Fields(JsonObject body, boolean patch) {
        boolean has(String field) {
            return !patch || body.containsKey(field);
        }
    }
}
