package org.cpjudge.api.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cpjudge.api.access.AccessPolicy;
import org.cpjudge.api.access.ProblemAccess;
import org.cpjudge.api.access.Viewer;
import org.cpjudge.api.contest.ContestService;
import org.cpjudge.api.contest.LiveScoreboards;
import org.cpjudge.api.contest.PublishedBoard;
import org.cpjudge.api.contest.RatingService;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.DatabaseOutage;
import org.cpjudge.api.http.SecurityHeaders;
import org.cpjudge.api.http.SubmissionRoutes;
import org.cpjudge.api.report.AttemptReports;
import org.cpjudge.api.report.ModelLeaderboard;
import org.cpjudge.api.store.AiReportStore;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.StoredProblem;
import org.cpjudge.api.store.RatingStore;
import org.cpjudge.api.store.SubmissionStore;
import org.cpjudge.api.store.SubmissionView;
import org.cpjudge.api.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTML pages and the scoreboard event stream. Each page takes the JSON its API endpoint answers with, from
 * the same query, and renders it; a page whose source is not set is not mounted.
 */
public final class WebRoutes {

    public static final String STYLESHEET = "/static/style.css";
    /** The practice list shows at most this many problems (by id). */
    static final int PRACTICE_LIMIT = 200;
    /** The practice list asks the access policy once per problem: it is worked out at most this often. */
    static final java.time.Duration PRACTICE_TTL = java.time.Duration.ofSeconds(5);
    private static final Set<String> KINDS = Set.of("human", "ai", "all");
    private static final Logger log = LoggerFactory.getLogger(WebRoutes.class);

    private final Vertx vertx;
    private Lookup<JsonObject> submissions;
    private Lookup<JsonArray> contestList;
    private Lookup<JsonArray> practice;
    private Lookup<JsonObject> contests;
    private Lookup<JsonObject> scoreboards;
    private Lookup<JsonObject> leaderboards;
    private Lookup<JsonObject> profiles;
    private LiveScoreboards liveBoards;
    private ProblemPages problemPages;
    private ModelLeaderboard models;
    private AttemptReports attempts;
    private long streamPollMillis = 1000;
    private long streamHeartbeatMillis = 15_000;

    public WebRoutes(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * The pages over the server's database, from the queries the API endpoints use, as an anonymous reader may
     * see them; the scoreboards (and their stream) from the service's live boards.
     */
    public static WebRoutes of(Vertx vertx, Database db, AccessPolicy access, ContestService contests) {
        SubmissionStore submissionStore = new SubmissionStore(db);
        RatingService ratings = new RatingService(new UserStore(db), new RatingStore(db));
        return new WebRoutes(vertx)
                .submissions(id -> {
                    Optional<UUID> uuid = submissionId(id);
                    Optional<SubmissionView> found = uuid.isEmpty() ? Optional.empty() : submissionStore.find(uuid.get());
                    // pages are read without a token: they show what an anonymous reader may see
                    if (found.isEmpty() || !access.session(Viewer.ANONYMOUS, Instant.now())
                            .submission(found.get().facts()).visible()) {
                        return Optional.empty();
                    }
                    return found.map(SubmissionRoutes::toJson);
                })
                .contestList(unused -> Optional.of(contests.list(Instant.now(), false)))
                .practice(new Remembered<>(PRACTICE_TTL, () -> practiceProblems(new ProblemStore(db), access)))
                .contests(id -> contests.contest(id, Instant.now(), false))
                .scoreboards(id -> contests.board(id, LiveScoreboards.View.PUBLIC).map(PublishedBoard::json))
                // the API's leaderboard takes null for everyone
                .leaderboards(kind -> Optional.of(ratings.leaderboard("all".equals(kind) ? null : kind)))
                .profiles(ratings::profile)
                .liveScoreboards(contests.live().orElse(null));
    }

    /** The AI pages ({@code /ai}, {@code /ai/{model}}) from the services the AI endpoints read. */
    public WebRoutes aiReports(ModelLeaderboard models, AttemptReports attempts) {
        this.models = models;
        this.attempts = attempts;
        return this;
    }

    /** Streams follow these in-memory boards (changes only) instead of polling the scoreboard lookup. */
    public WebRoutes liveScoreboards(LiveScoreboards boards) {
        this.liveBoards = boards;
        return this;
    }

    /** By submission id: the JSON of {@code GET /api/v1/submissions/{id}}. */
    public WebRoutes submissions(Lookup<JsonObject> lookup) {
        this.submissions = lookup;
        return this;
    }

    /** Every contest, as the API lists them (the key is unused). */
    public WebRoutes contestList(Lookup<JsonArray> lookup) {
        this.contestList = lookup;
        return this;
    }

    /**
     * The problems anyone may practise now (the key is unused): {@code id}, {@code name}, {@code time_limit_ms},
     * {@code memory_limit_mb}.
     */
    public WebRoutes practice(Lookup<JsonArray> lookup) {
        this.practice = lookup;
        return this;
    }

    /** By contest id: the contest as the API describes it. */
    public WebRoutes contests(Lookup<JsonObject> lookup) {
        this.contests = lookup;
        return this;
    }

    /** By contest id: the JSON of {@code GET /api/v1/contests/{id}/scoreboard}. */
    public WebRoutes scoreboards(Lookup<JsonObject> lookup) {
        this.scoreboards = lookup;
        return this;
    }

    /** By kind (human, ai, all): the JSON of {@code GET /api/v1/leaderboard?kind=...}. */
    public WebRoutes leaderboards(Lookup<JsonObject> lookup) {
        this.leaderboards = lookup;
        return this;
    }

    /** By handle: the JSON of {@code GET /api/v1/users/{handle}}. */
    public WebRoutes profiles(Lookup<JsonObject> lookup) {
        this.profiles = lookup;
        return this;
    }

    /** The statement pages {@code /problems/{id}}. */
    public WebRoutes problems(ProblemPages pages) {
        this.problemPages = pages;
        return this;
    }

    /** How often each event stream looks at its scoreboard, and how long it may stay silent. */
    public WebRoutes streamTiming(long pollMillis, long heartbeatMillis) {
        this.streamPollMillis = pollMillis;
        this.streamHeartbeatMillis = heartbeatMillis;
        return this;
    }

    /** Mounts the pages; call before the API's catch-all 404. */
    public void mount(Router router) {
        // two exact levels, as the OpenAPI document lists them: web/style.css and web/js/*.js
        StaticFiles files = new StaticFiles();
        router.get(StaticFiles.PREFIX + ":file").handler(files::handle);
        router.get(StaticFiles.PREFIX + "js/:file").handler(files::handle);
        KatexAssets.mount(router);
        if (problemPages != null) {
            router.get("/problems/:id").handler(page(problemPages::statement));
        }
        if (submissions != null) {
            router.get("/submissions/:id").handler(page(this::submission));
        }
        if (contestList != null) {
            router.get("/").handler(page(ctx -> Page.ok(ContestsPage.render(
                    contestList.find("").orElseGet(JsonArray::new), practiceList(), Instant.now()))));
        }
        if (practice != null) {
            router.get("/problems").handler(page(ctx -> Page.ok(ContestsPage.renderProblems(practiceList()))));
        }
        if (scoreboards != null) {
            router.get("/contests/:id").handler(page(this::scoreboard));
            router.get("/api/v1/contests/:id/scoreboard/stream").handler(liveBoards != null
                    ? new LiveScoreboardStream(vertx, liveBoards, streamHeartbeatMillis)::handle
                    : new ScoreboardStream(vertx, scoreboards, streamPollMillis, streamHeartbeatMillis)::handle);
        }
        if (leaderboards != null) {
            router.get("/leaderboard").handler(page(this::leaderboard));
        }
        if (profiles != null) {
            router.get("/users/:handle").handler(page(this::profile));
        }
        if (models != null) {
            router.get("/ai").handler(page(ctx -> Page.ok(AiPages.leaderboard(models.rows(Viewer.ANONYMOUS)))));
            router.get("/ai/:model").handler(page(this::model));
        }
        // shells anyone may load: what they show is read by jury.js with an administrator's token
        router.get("/jury").handler(page(ctx -> Page.ok(JuryPages.desk())));
        router.get("/jury/contests/:id").handler(page(ctx -> Page.ok(JuryPages.contest(ctx.pathParam("id")))));
    }

    private Page model(RoutingContext ctx) throws Exception {
        String model = ctx.pathParam("model");
        JsonObject row = models.model(Viewer.ANONYMOUS, model).orElse(null);
        var groups = attempts.groups(Viewer.ANONYMOUS, new AiReportStore.Filter(null, null, null, model));
        if (row == null && groups.isEmpty()) {
            return Page.notFound("No AI model named '" + model + "' has a finished run or a visible attempt.");
        }
        return Page.ok(AiPages.model(model, row, groups));
    }

    private Page submission(RoutingContext ctx) throws Exception {
        String id = ctx.pathParam("id");
        // what an anonymous reader may not see may still be the signed-in reader's: the hidden page asks with their token
        return submissions.find(id).map(s -> Page.ok(SubmissionPage.render(s)))
                .orElseGet(() -> HiddenSubmissionPage.render(id).map(html -> new Page(404, html))
                        .orElseGet(() -> Page.notFound("No submission has the id '" + id + "'.")));
    }

    private Page scoreboard(RoutingContext ctx) throws Exception {
        String id = ctx.pathParam("id");
        Optional<JsonObject> board = scoreboards.find(id);
        if (board.isEmpty()) {
            return Page.notFound("No contest has the id '" + id + "'.");
        }
        JsonObject contest = contests == null ? null : contests.find(id).orElse(null);
        return Page.ok(ScoreboardPage.render(contest, board.get(), pageNumber(ctx), Instant.now()));
    }

    private Page leaderboard(RoutingContext ctx) throws Exception {
        String kind = ctx.request().getParam("kind", "all");
        kind = KINDS.contains(kind) ? kind : "all";
        return Page.ok(LeaderboardPage.render(leaderboards.find(kind).orElseGet(JsonObject::new), kind));
    }

    private Page profile(RoutingContext ctx) throws Exception {
        String handle = ctx.pathParam("handle");
        return profiles.find(handle).map(p -> Page.ok(ProfilePage.render(p)))
                .orElseGet(() -> Page.notFound("No user has the handle '" + handle + "'."));
    }

    /** A rendered page and its status. */
    record Page(int status, String html) {
        static Page ok(String html) {
            return new Page(200, html);
        }

        static Page notFound(String what) {
            return new Page(404, message("Not found", "Not found", what));
        }

        /** The database cannot be reached (logged; the reader is not at fault). */
        static Page databaseUnavailable() {
            return new Page(503, message("Unavailable", "Back in a moment",
                    "The database cannot be reached just now; reload this page in a few seconds."));
        }

        /** A failure of the server itself (logged). */
        static Page serverError() {
            return new Page(500, message("Server error", "Something went wrong",
                    "The server failed to build this page; the failure has been logged."));
        }

        private static String message(String title, String heading, String text) {
            return Templates.render("message.jte", java.util.Map.of("title", title, "heading", heading, "text", text));
        }
    }

    @FunctionalInterface
    interface Renderer {
        Page render(RoutingContext ctx) throws Exception;
    }

    /** Renders off the event loop (the lookups talk JDBC); a failure is logged and shown as a 500 page. */
    private Handler<RoutingContext> page(Renderer renderer) {
        return ctx -> vertx.<Page>executeBlocking(() -> renderer.render(ctx), false).onComplete(done -> {
            if (ctx.response().ended()) {
                return;
            }
            Page page;
            if (done.succeeded()) {
                page = done.result();
            } else if (DatabaseOutage.causedBy(done.cause())) {
                DatabaseOutage.report("GET " + ctx.request().path(), done.cause());
                ctx.response().putHeader("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
                page = Page.databaseUnavailable();
            } else {
                log.error("GET {} failed", ctx.request().path(), done.cause());
                page = Page.serverError();
            }
            ctx.response().setStatusCode(page.status())
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Content-Security-Policy", SecurityHeaders.pagePolicy(page.html()))
                    .putHeader("Cache-Control", "no-cache")
                    .end(page.html());
        });
    }

    private JsonArray practiceList() throws Exception {
        return practice == null ? new JsonArray() : practice.find("").orElseGet(JsonArray::new);
    }

    /** {@code ?page=N} of a big scoreboard; anything else is the first page. */
    private static int pageNumber(RoutingContext ctx) {
        String raw = ctx.request().getParam("page");
        if (raw == null || !raw.matches("[0-9]{1,6}")) {
            return 1;
        }
        return Math.max(1, Integer.parseInt(raw));
    }

    /** The problems an anonymous reader may practise, as AccessPolicy decides, up to {@link #PRACTICE_LIMIT}. */
    private static JsonArray practiceProblems(ProblemStore problems, AccessPolicy access) throws Exception {
        AccessPolicy.Session session = access.session(Viewer.ANONYMOUS, Instant.now());
        JsonArray out = new JsonArray();
        for (StoredProblem p : problems.list(PRACTICE_LIMIT)) {
            if (session.problem(p.id()) == ProblemAccess.PRACTISE) {
                out.add(new JsonObject().put("id", p.id()).put("name", p.name())
                        .put("time_limit_ms", p.timeLimitMs()).put("memory_limit_mb", p.memoryLimitMb()));
            }
        }
        return out;
    }

    private static Optional<UUID> submissionId(String raw) {
        try {
            return Optional.of(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
