package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import org.cpjudge.api.access.AccessPolicy;
import org.cpjudge.api.access.Viewer;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.NewcomerRules;
import org.cpjudge.api.contest.WireEnum;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.store.User;
import org.cpjudge.api.virtual.ReferenceRow;
import org.cpjudge.api.virtual.VirtualPolicy;
import org.cpjudge.api.virtual.VirtualResult;
import org.cpjudge.api.virtual.VirtualRun;
import org.cpjudge.api.virtual.VirtualRunStore;
import org.cpjudge.rating.NewcomerRule;
import org.cpjudge.rating.Result;

/**
 * Real contests as references and virtual participation: an administrator imports a finished contest's official
 * final standings; a user starts a virtual run of it, submits with {@code "contest"} as in the contest (see
 * {@link SubmissionRoutes}), ends it, and reads where the run would have placed.
 */
public final class VirtualRoutes {

    /** 200,000 rows of about a hundred bytes each. */
    private static final long STANDINGS_BODY_LIMIT = 32L * 1024 * 1024;

    private final Endpoints endpoints;
    private final Authenticator auth;
    private final ContestStore contests;
    private final VirtualRunStore runs;
    private final AccessPolicy access;
    private final NewcomerRule defaultRule;
    /** The standings and virtual run bodies are checked by the OpenAPI document's schemas for them. */
    private final RequestSchemas requests;

    public VirtualRoutes(Endpoints endpoints, Authenticator auth, ContestStore contests, VirtualRunStore runs,
                         AccessPolicy access, NewcomerRule defaultRule, RequestSchemas requests) {
        this.requests = requests;
        this.endpoints = endpoints;
        this.auth = auth;
        this.contests = contests;
        this.runs = runs;
        this.access = access;
        this.defaultRule = defaultRule;
    }

    public void mount(Router router) {
        router.post("/api/v1/contests/:id/standings")
                .handler(RequestBodies.callerFirst(STANDINGS_BODY_LIMIT, auth::administrator))
                .handler(endpoints.blocking(this::importStandings));
        router.get("/api/v1/contests/:id/standings").handler(endpoints.blocking(this::showStandings));
        router.post("/api/v1/contests/:id/virtual").handler(RequestBodies.upTo(16 * 1024))
                .handler(endpoints.blocking(this::start));
        router.post("/api/v1/contests/:id/virtual/end").handler(endpoints.blocking(this::end));
        router.get("/api/v1/contests/:id/virtual/:handle").handler(endpoints.blocking(this::result));
    }

    /** Posting again replaces the contest's reference standings as a whole. */
    private Reply importStandings(RoutingContext ctx) throws Exception {
        auth.administrator(ctx);
        JsonObject body = JsonBodies.object(ctx);
        requests.check("post", "/api/v1/contests/{id}/standings", body);
        Contest contest = contest(ctx);
        if (!contest.overAt(Instant.now())) {
            throw new ApiException(409, "contest_not_over", "contest '" + contest.id()
                    + "' is not over; its final standings exist only after its end");
        }
        List<ReferenceRow> rows = ReferenceStandingsForm.parse(body, contest);
        return Reply.created(new JsonObject().put("rows", runs.replaceStandings(contest.id(), rows)));
    }

    /** The imported standings, as scores or ranks (per-problem rows as the score they came to). */
    private Reply showStandings(RoutingContext ctx) throws Exception {
        Viewer viewer = auth.viewer(ctx);
        Contest contest = contest(ctx);
        if (!viewer.administrator() && !readable(contest, viewer.user(), Instant.now())) {
            throw notFound(contest.id());
        }
        JsonArray rows = new JsonArray();
        for (ReferenceRow r : runs.standings(contest.id())) {
            JsonObject row = new JsonObject().put("handle", r.handle()).put("rating", r.rating());
            if (r.result() instanceof Result.GivenRank g) {
                row.put("rank", g.rank());
            } else if (r.result() instanceof Result.Score sc) {
                row.put("points", sc.points()).put("penalty", sc.penalty());
            }
            rows.add(row);
        }
        return Reply.ok(Paging.of(ctx).pageField(ctx,
                new JsonObject().put("contest", contest.id()).put("total_rows", rows.size()).put("rows", rows), "rows"));
    }

    /** Whether the user (null: anonymous) may read the contest's problems now, as the access policy says. */
    private boolean readable(Contest contest, User user, Instant now) throws Exception {
        if (user != null && user.isAdmin()) {
            return true;
        }
        boolean registered = user != null && contests.isRegistered(contest.id(), user.id());
        return AccessPolicy.inContest(contest, now, registered).visible();
    }

    private Reply start(RoutingContext ctx) throws Exception {
        User user = auth.user(ctx);
        JsonObject body = JsonBodies.objectOrEmpty(ctx);
        requests.check("post", "/api/v1/contests/{id}/virtual", body);
        Contest contest = contest(ctx);
        Instant now = Instant.now();
        if (!readable(contest, user, now)) {
            throw notFound(contest.id());
        }
        if (!contest.overAt(now)) {
            throw new ApiException(409, "contest_not_over", "contest '" + contest.id() + "' is "
                    + contest.phaseAt(now) + "; a virtual run takes a contest that is over");
        }
        String word = body.getString("policy");
        // the schema lists the words; refused still should it and the enum ever disagree
        VirtualPolicy policy = word == null ? VirtualPolicy.CLOCK : WireEnum.parse(VirtualPolicy.class, word)
                .orElseThrow(() -> ApiException.badRequest("invalid_field", "'policy' must be one of "
                        + WireEnum.choices(VirtualPolicy.class)));
        Integer pace = null;
        if (policy == VirtualPolicy.PACED) {
            pace = body.getInteger("pace_minutes");
            if (pace == null) {
                throw ApiException.badRequest("missing_field", "'pace_minutes' is required with the policy \"paced\"");
            }
            if (pace > contest.durationMinutes()) {
                throw ApiException.badRequest("invalid_field", "'pace_minutes' must be a whole number from 1 to "
                        + contest.durationMinutes());
            }
        } else if (body.containsKey("pace_minutes")) {
            throw ApiException.badRequest("invalid_field", "'pace_minutes' is taken only with the policy \"paced\"");
        }
        VirtualRun run = runs.start(contest.id(), user.id(), policy, pace).orElseThrow(() -> new ApiException(409,
                "virtual_run_exists", "you have a virtual run of contest '" + contest.id()
                + "' already; there is one per user and contest"));
        return Reply.created(runJson(run, now));
    }

    private Reply end(RoutingContext ctx) throws Exception {
        User user = auth.user(ctx);
        Contest contest = contest(ctx);
        VirtualRun run = runs.end(contest.id(), user.id(), Instant.now()).orElseThrow(() -> ApiException.notFound(
                "virtual_run_not_found", "you have no virtual run of contest '" + contest.id() + "'"));
        return Reply.ok(runJson(run, Instant.now()));
    }

    private Reply result(RoutingContext ctx) throws Exception {
        Contest contest = contest(ctx);
        String handle = ctx.pathParam("handle");
        Instant now = Instant.now();
        AccessPolicy.Session session = access.session(auth.viewer(ctx), now);
        VirtualRun run = runs.findByHandle(contest.id(), handle).filter(session::virtualResult)
                .orElseThrow(() -> ApiException.notFound("virtual_run_not_found",
                        "'" + handle + "' has no virtual run of contest '" + contest.id() + "' to show"));
        NewcomerRule rule = contest.newcomerRule() == null ? defaultRule : NewcomerRules.parse(contest.newcomerRule());
        VirtualResult result = VirtualResult.of(contest, run, runs.tries(run), runs.standings(contest.id()),
                runs.ratingOf(run.userId()), rule, now);
        return Reply.ok(result.toJson());
    }

    private static JsonObject runJson(VirtualRun run, Instant now) {
        Instant closes = run.closesAt();
        return new JsonObject().put("contest", run.contestId()).put("handle", run.handle())
                .put("start", run.startedAt().toString()).put("end", run.end().toString())
                .put("closes_at", closes == null ? null : closes.toString())
                .put("policy", WireEnum.wire(run.policy())).put("pace_minutes", run.paceMinutes())
                .put("duration_minutes", run.durationMinutes())
                .put("active", run.activeAt(now));
    }

    private Contest contest(RoutingContext ctx) throws Exception {
        String id = ctx.pathParam("id");
        return contests.find(id).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("contest_not_found", "no contest has the id '" + id + "'");
    }
}
