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
 * The body of {@code POST /api/v1/contests} and {@code PATCH /api/v1/contests/{id}}: read into a contest, every
 * field checked and refused with a 400 that names it. A patch starts from the stored contest and changes only
 * the fields it carries (a field sent as null goes back to its default).
 */
final class ContestForm {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]{1,8}");
    /** A year: longer contests are surely a mistake in the request. */
    private static final int MAX_DURATION_MINUTES = 366 * 24 * 60;
    private static final int MAX_PENALTY_MINUTES = 1000;
    private static final int MAX_POINTS = 100_000;
    /** Difficulty on the Codeforces rating scale. */
    private static final int MAX_RATING = 10_000;
    private static final int MAX_TEXT = 200;

    private final ProblemStore problems;

    ContestForm(ProblemStore problems) {
        this.problems = problems;
    }

    Contest create(JsonObject body) throws Exception {
        String id = JsonBodies.requiredString(body, "id");
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
        String name = f.has("name") ? JsonBodies.requiredString(body, "name") : base.name();
        checkLength("name", name);
        Instant start = f.has("start") ? instant(body, "start", true) : base.startsAt();
        int duration = f.has("duration_minutes")
                ? wholeNumber(body, "duration_minutes", null, 1, MAX_DURATION_MINUTES) : base.durationMinutes();
        int freeze = f.has("freeze_minutes") ? wholeNumber(body, "freeze_minutes", 0, 0, duration) : base.freezeMinutes();
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
                ? wholeNumber(body, "penalty_minutes", ContestRules.DEFAULT_PENALTY_MINUTES, 0, MAX_PENALTY_MINUTES)
                : base.penaltyMinutes();
        IoiRule ioi = f.has("ioi_rule") ? choice(body, "ioi_rule", IoiRule.class, IoiRule.SUBTASK_MAX) : base.ioiRule();
        boolean rated = f.has("rated") ? bool(body, "rated", false) : base.rated();
        String rule = f.has("newcomer_rule") ? JsonBodies.optionalString(body, "newcomer_rule") : base.newcomerRule();
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
        String code = f.has("invitation_code") ? JsonBodies.optionalString(body, "invitation_code") : b.invitationCode();
        if (code != null && (code.isBlank() || code.length() > MAX_TEXT)) {
            throw ApiException.badRequest("invalid_field", "'invitation_code' must be 1 to " + MAX_TEXT + " characters");
        }
        Instant opens = f.has("registration_opens") ? instant(body, "registration_opens", false) : b.registrationOpens();
        Instant closes = f.has("registration_closes")
                ? instant(body, "registration_closes", false) : b.registrationCloses();
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
        JsonObject points = f.has("points") ? JsonBodies.optionalObject(body, "points") : null;
        JsonObject ratings = f.has("ratings") ? JsonBodies.optionalObject(body, "ratings") : null;
        List<ContestProblem> list = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String p = ids.get(i);
            Integer value = perProblem(points, "points", p, f, base, ContestProblem::points, 1, MAX_POINTS);
            if (scoring == Scoring.CODEFORCES && value == null) {
                throw ApiException.badRequest("missing_field",
                        "a Codeforces round needs 'points' for every problem, such as {\"" + p + "\": 500}");
            }
            Integer rating = perProblem(ratings, "ratings", p, f, base, ContestProblem::rating, 0, MAX_RATING);
            list.add(new ContestProblem(p, labels.get(i), value, rating));
        }
        onlyProblemsOf(points, "points", ids);
        onlyProblemsOf(ratings, "ratings", ids);
        return list;
    }

    /** A per-problem value ({@code "points"}, {@code "ratings"}): given, else kept from the contest being patched. */
    private static Integer perProblem(JsonObject given, String field, String problem, Fields f, Contest base,
                                      java.util.function.Function<ContestProblem, Integer> kept, int min, int max) {
        if (given != null && given.containsKey(problem)) {
            return wholeNumber(given, problem, null, min, max);
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
        JsonArray list = JsonBodies.optionalArray(body, "problems");
        if (list == null || list.isEmpty()) {
            throw ApiException.badRequest("missing_field", "'problems' must list at least one problem id");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Object o : list) {
            if (!(o instanceof String p)) {
                throw ApiException.badRequest("invalid_field", "'problems' must be a list of problem ids");
            }
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
        JsonArray list = JsonBodies.optionalArray(body, "labels");
        if (list.size() != count) {
            throw ApiException.badRequest("invalid_field", "'labels' must give one label for each of the " + count
                    + " problems, in their order");
        }
        List<String> labels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object o : list) {
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

    private static <E extends Enum<E>> E choice(JsonObject body, String field, Class<E> type, E fallback) {
        String text = JsonBodies.optionalString(body, field);
        if (text == null) {
            return fallback;
        }
        return WireEnum.parse(type, text).orElseThrow(() -> ApiException.badRequest("invalid_" + field,
                "'" + field + "' must be one of " + WireEnum.choices(type)));
    }

    private static boolean bool(JsonObject body, String field, boolean fallback) {
        Object v = body.getValue(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be true or false");
        }
        return b;
    }

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private static Instant instant(JsonObject body, String field, boolean required) {
        String text = required ? JsonBodies.requiredString(body, field) : JsonBodies.optionalString(body, field);
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

    static int wholeNumber(JsonObject body, String field, Integer fallback, int min, int max) {
        Number n = JsonBodies.optionalNumber(body, field);
        if (n == null) {
            if (fallback == null) {
                throw ApiException.badRequest("missing_field", "'" + field + "' is required");
            }
            return fallback;
        }
        if (n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < min || n.doubleValue() > max) {
            throw ApiException.badRequest("invalid_field",
                    "'" + field + "' must be a whole number from " + min + " to " + max);
        }
        return n.intValue();
    }

    private static void checkLength(String field, String text) {
        if (text.length() > MAX_TEXT) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' is at most " + MAX_TEXT + " characters");
        }
    }

    /** Which fields a body sets: all of them when creating, those present when patching. */
    private record Fields(JsonObject body, boolean patch) {
        boolean has(String field) {
            return !patch || body.containsKey(field);
        }
    }
}
