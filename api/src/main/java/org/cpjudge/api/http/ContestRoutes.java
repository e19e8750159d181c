package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.ContestFinalizer;
import org.cpjudge.api.contest.ContestService;
import org.cpjudge.api.contest.NewcomerRules;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.RatingStore;
import org.cpjudge.api.store.User;

/** Creating contests (administrators), registering for them, their scoreboards, and finalizing them. */
public final class ContestRoutes {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Set<String> SCORING = Set.of("icpc", "ioi");
    /** A year: longer contests are surely a mistake in the request. */
    private static final int MAX_DURATION_MINUTES = 366 * 24 * 60;
    /** How long finalizing waits for the judging of the contest's last submissions. */
    private static final java.time.Duration PENDING_WAIT = java.time.Duration.ofSeconds(120);

    private final Endpoints endpoints;
    private final Authenticator auth;
    private final ContestStore contests;
    private final ProblemStore problems;
    private final ContestService service;
    private final ContestFinalizer finalizer;

    public ContestRoutes(Endpoints endpoints, Authenticator auth, ContestStore contests, ProblemStore problems,
                         ContestService service, ContestFinalizer finalizer) {
        this.endpoints = endpoints;
        this.auth = auth;
        this.contests = contests;
        this.problems = problems;
        this.service = service;
        this.finalizer = finalizer;
    }

    public void mount(Router router) {
        router.post("/api/v1/contests").handler(BodyHandler.create().setBodyLimit(64 * 1024))
                .handler(endpoints.blocking(this::create));
        router.get("/api/v1/contests").handler(endpoints.blocking(ctx -> Reply.ok(service.list(Instant.now()))));
        router.get("/api/v1/contests/:id").handler(endpoints.blocking(this::show));
        router.post("/api/v1/contests/:id/register").handler(endpoints.blocking(this::register));
        router.get("/api/v1/contests/:id/scoreboard").handler(endpoints.blocking(this::scoreboard));
        router.post("/api/v1/contests/:id/finalize").handler(endpoints.blocking(this::finalizeContest));
    }

    private Reply create(RoutingContext ctx) throws Exception {
        User admin = auth.administrator(ctx);
        JsonObject body = JsonBodies.object(ctx);
        String id = JsonBodies.requiredString(body, "id");
        if (!ID.matcher(id).matches()) {
            throw ApiException.badRequest("invalid_id",
                    "a contest id is 1 to 64 lower-case letters, digits, '_' or '-', starting with a letter or digit");
        }
        String name = JsonBodies.requiredString(body, "name");
        Instant start = instant(JsonBodies.requiredString(body, "start"));
        int duration = wholeNumber(body, "duration_minutes", null, 1, MAX_DURATION_MINUTES);
        String scoring = JsonBodies.optionalString(body, "scoring");
        scoring = scoring == null ? "icpc" : scoring;
        if (!SCORING.contains(scoring)) {
            throw ApiException.badRequest("invalid_scoring", "'scoring' must be \"icpc\" or \"ioi\"");
        }
        int freeze = wholeNumber(body, "freeze_minutes", 0, 0, duration);
        Object rated = body.getValue("rated");
        if (rated != null && !(rated instanceof Boolean)) {
            throw ApiException.badRequest("invalid_field", "'rated' must be true or false");
        }
        String rule = JsonBodies.optionalString(body, "newcomer_rule");
        if (rule != null && !NewcomerRules.known(rule)) {
            throw ApiException.badRequest("invalid_field", "'newcomer_rule' must be \"codeforces-2020\" or \"start-1500\"");
        }
        List<String> problemIds = problemIds(body);
        Contest contest = new Contest(id, name, start, duration, scoring, freeze, Boolean.TRUE.equals(rated), rule,
                null, null, problemIds);
        if (!contests.create(contest, admin.id())) {
            throw new ApiException(409, "contest_exists", "a contest with the id '" + id + "' exists");
        }
        return Reply.created(contest.toJson(Instant.now()));
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

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_field",
                    "'start' must be an ISO-8601 time with an offset, such as 2026-11-24T10:00:00Z");
        }
    }

    private static int wholeNumber(JsonObject body, String field, Integer fallback, int min, int max) {
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

    private Reply show(RoutingContext ctx) throws Exception {
        String id = ctx.pathParam("id");
        return Reply.ok(service.contest(id, Instant.now()).orElseThrow(() -> notFound(id)));
    }

    private Reply register(RoutingContext ctx) throws Exception {
        User user = auth.user(ctx);
        String id = ctx.pathParam("id");
        Contest contest = contests.find(id).orElseThrow(() -> notFound(id));
        Instant now = Instant.now();
        if (contest.finalized() || !now.isBefore(contest.end())) {
            throw new ApiException(409, "contest_over", "contest '" + id + "' is over; registration is closed");
        }
        boolean added = contests.register(id, user.id());
        JsonObject body = new JsonObject().put("contest", id).put("handle", user.handle()).put("registered", true);
        return added ? Reply.created(body) : Reply.ok(body);
    }

    private Reply scoreboard(RoutingContext ctx) throws Exception {
        String id = ctx.pathParam("id");
        return Reply.ok(service.publicScoreboard(id, Instant.now()).orElseThrow(() -> notFound(id)).toJson());
    }

    private Reply finalizeContest(RoutingContext ctx) throws Exception {
        auth.administrator(ctx);
        String id = ctx.pathParam("id");
        ContestFinalizer.Outcome outcome = finalizer.finalizeContest(id, Instant.now()).orElseThrow(() -> notFound(id));
        // The first call ended the contest; its last submissions are usually judged within seconds, so wait for
        // them rather than make every caller retry.
        long deadline = System.nanoTime() + PENDING_WAIT.toNanos();
        while (outcome.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            outcome = finalizer.finalizeContest(id, Instant.now()).orElseThrow(() -> notFound(id));
        }
        if (outcome.pending() > 0) {
            throw new ApiException(409, "judging_pending", "contest '" + id + "' has ended, but " + outcome.pending()
                    + " of its submissions are still being judged; finalize again once they are done");
        }
        JsonArray changes = new JsonArray();
        for (Map.Entry<String, RatingStore.HistoryEntry> e : outcome.changes()) {
            RatingStore.HistoryEntry h = e.getValue();
            changes.add(new JsonObject().put("handle", e.getKey()).put("rank", h.rank()).put("old_rating", h.oldRating())
                    .put("new_rating", h.newRating()).put("delta", h.delta()));
        }
        return Reply.ok(new JsonObject().put("contest", id).put("finalized", true)
                .put("already_finalized", outcome.alreadyFinalized()).put("rated", outcome.contest().rated())
                .put("rating_changes", changes));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("contest_not_found", "no contest has the id '" + id + "'");
    }
}
