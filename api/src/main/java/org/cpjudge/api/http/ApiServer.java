package org.cpjudge.api.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import io.vertx.ext.web.Router;
import java.util.Optional;
import java.nio.file.Path;
import org.cpjudge.api.access.AccessPolicy;
import org.cpjudge.api.callback.CallbackAllowList;
import org.cpjudge.api.callback.CallbackDispatcher;
import org.cpjudge.api.callback.CallbackPolicy;
import org.cpjudge.api.callback.CallbackSender;
import org.cpjudge.api.callback.RetrySchedule;
import org.cpjudge.api.clics.ClicsRoutes;
import org.cpjudge.api.clics.ClicsStore;
import org.cpjudge.api.contest.ContestFinalizer;
import org.cpjudge.api.contest.ContestService;
import org.cpjudge.api.contest.LiveScoreboards;
import org.cpjudge.api.contest.RatingService;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.observe.AccessLog;
import org.cpjudge.api.observe.QueueGauges;
import org.cpjudge.api.observe.ServerMetrics;
import org.cpjudge.api.queue.JobQueue;
import org.cpjudge.api.limits.ExemptToken;
import org.cpjudge.api.limits.Limits;
import org.cpjudge.api.limits.RateLimits;
import org.cpjudge.api.limits.StreamSlots;
import org.cpjudge.api.problem.ProblemCache;
import org.cpjudge.api.problem.ProblemImport;
import org.cpjudge.api.problem.Statements;
import org.cpjudge.api.queue.Rejudge;
import org.cpjudge.api.report.AttemptReports;
import org.cpjudge.api.report.ModelLeaderboard;
import org.cpjudge.api.store.AiReportStore;
import org.cpjudge.api.store.ModelRunStore;
import org.cpjudge.api.store.CallbackStore;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.RatingStore;
import org.cpjudge.api.store.SubmissionQueue;
import org.cpjudge.api.store.SubmissionStore;
import org.cpjudge.api.store.UserStore;
import org.cpjudge.api.store.WorkerRegistry;
import org.cpjudge.api.virtual.VirtualRunStore;
import org.cpjudge.api.web.ProblemPages;
import org.cpjudge.api.web.WebRoutes;
import org.cpjudge.judge.Judge;
import org.cpjudge.rating.NewcomerRule;

/** The HTTP API: builds the router from one small routes class per area and listens. */
public final class ApiServer {

    private final Vertx vertx;
    private final Router router;
    private final LiveScoreboards liveBoards;
    private final CallbackDispatcher callbacks;
    private final SubmissionStore submissions;
    private static final int EVENT_LOOP_SERVERS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final RateLimits rateLimits;
    private final StreamSlots streamSlots;
    private long sweeps = -1;
    /** One server per event loop, all on the same port: Vert.x hands each new connection to the next. */
    private final List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ApiServer(Vertx vertx, Database db, Path dataDir, Optional<Judge> judge, NewcomerRule newcomerRule,
                     CallbackAllowList callbackAllow, ServerMetrics metrics,
                     java.util.List<String> configuredLanguages, Limits limits, String adminToken) {
        this.vertx = vertx;
        this.router = Router.router(vertx);
        this.rateLimits = new RateLimits(limits, ExemptToken.of(adminToken), System::nanoTime);
        this.streamSlots = new StreamSlots(limits);
        Endpoints endpoints = new Endpoints(vertx, new Idempotency(db));
        UserStore users = new UserStore(db);
        ProblemStore problems = new ProblemStore(db);
        WorkerRegistry workers = new WorkerRegistry(db);
        Authenticator auth = new Authenticator(users);
        LanguageCatalog languages = new LanguageCatalog(workers, configuredLanguages);
        ContestStore contests = new ContestStore(db);
        RatingStore ratingStore = new RatingStore(db);
        RatingService ratings = new RatingService(users, ratingStore);
        // every contest's board in memory, following verdicts as they land (see LiveScoreboards)
        this.liveBoards = new LiveScoreboards(db, contests, java.time.Duration.ofSeconds(1));
        ContestService contestService = new ContestService(db, contests, liveBoards);
        VirtualRunStore virtualRuns = new VirtualRunStore(db, contests);
        AccessPolicy access = new AccessPolicy(contests, virtualRuns);

        // first, so that it times and logs every request, whichever route answers it
        router.route().handler(new AccessLog());
        // then rate limits and the caps on event streams, before any body or token is read
        router.route().handler(rateLimits);
        streamSlots.mount(router, "/api/v1/contests/:id/scoreboard/stream", "/api/v1/contests/:id/clarifications/stream",
                "/clics/contests/:cid/event-feed");
        router.route().handler(SecurityHeaders.handler());
        router.route().handler(TextRules.handler());
        new HealthRoutes(endpoints, workers).mount(router);
        new MetricsRoutes(vertx, metrics, new QueueGauges(new JobQueue(db, JobQueue.DEFAULT_LEASE_SECONDS),
                metrics.registry(), java.time.Duration.ofSeconds(1))).mount(router);
        // after the probes and metrics, which must answer whatever the database does: a bad token is a 401 on
        // every other route
        router.route().handler(auth.gate(vertx));
        io.vertx.core.json.JsonObject openApi = OpenApiDocument.load();
        RequestSchemas requests = new RequestSchemas(openApi);
        new OpenApiRoutes(openApi).mount(router);
        new LanguageRoutes(endpoints, languages).mount(router);
        new UserRoutes(endpoints, auth, users, ratings, requests).mount(router);
        // one unpacked copy of each package serves the statement files and the statement pages
        ProblemCache packages = new ProblemCache(problems, dataDir.resolve("problems"));
        new ProblemRoutes(endpoints, auth, problems, new ProblemImport(problems, dataDir.resolve("scratch"), judge),
                new Statements(packages), access).mount(router);
        SubmissionStore submissions = new SubmissionStore(db);
        this.submissions = submissions;
        CallbackPolicy callbackPolicy = new CallbackPolicy(callbackAllow);
        // delivers completion callbacks from the outbox, started with the listener and stopped on close
        this.callbacks = new CallbackDispatcher(new CallbackStore(db), callbackPolicy, new CallbackSender(vertx),
                id -> SubmissionRoutes.callbackBody(submissions, id), RetrySchedule.DEFAULT);
        new SubmissionRoutes(endpoints, auth, problems, submissions, languages, contests, access, virtualRuns,
                callbackPolicy).mount(router);
        new SubmissionQueueRoutes(endpoints, auth, new SubmissionQueue(db)).mount(router);
        new VirtualRoutes(endpoints, auth, contests, virtualRuns, access, newcomerRule, requests).mount(router);
        new RejudgeRoutes(endpoints, auth, contests, submissions, new Rejudge(db, submissions), requests)
                .mount(router);
        new ContestRoutes(endpoints, auth, contests, problems, users, contestService,
                new ContestFinalizer(db, contests, ratingStore, newcomerRule), requests).mount(router);
        ClarificationRoutes.over(vertx, db, endpoints, auth, contests, requests).mount(router);
        new LeaderboardRoutes(endpoints, ratings).mount(router);
        AttemptReports attemptReports = new AttemptReports(new AiReportStore(db), access);
        ModelLeaderboard models = new ModelLeaderboard(contests, virtualRuns, new ModelRunStore(db), access, newcomerRule);
        new AiReportRoutes(endpoints, auth, problems, users, contests, attemptReports, access).mount(router);
        new ModelRoutes(endpoints, auth, models).mount(router);
        ProblemPages problemPages = new ProblemPages(problems, packages, access, contests);
        new ProblemPageRoutes(endpoints, auth, problemPages).mount(router);
        WebRoutes.of(vertx, db, access, contestService).problems(problemPages).aiReports(models, attemptReports)
                .mount(router);
        new ClicsRoutes(vertx, auth, new ClicsStore(db, contests, languages)).mount(router);

        router.route().last().handler(ctx ->
                Endpoints.error(ctx, 404, "not_found", "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(405, ctx ->
                Endpoints.error(ctx, 405, "method_not_allowed", ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(413, ctx ->
                Endpoints.error(ctx, 413, "payload_too_large", "the request body is larger than this endpoint accepts"));
        router.errorHandler(400, ctx ->
                Endpoints.error(ctx, 400, "bad_request", "the request is malformed"));
        router.errorHandler(500, ctx -> Endpoints.fail(ctx, ctx.failure() == null
                ? new IllegalStateException("unknown failure") : ctx.failure()));
    }

    /**
     * The routes mounted, in order: the OpenAPI document's test compares them with the document, and the fuzz
     * suite walks them so that a new endpoint is covered at once.
     */
    public java.util.List<io.vertx.ext.web.Route> routes() {
        return router.getRoutes();
    }

    /**
     * Listens on {@code port} (0: any free one) with one HTTP server per core, each on an event loop of its own,
     * so that parsing and writing requests uses every core rather than one (each request's blocking work goes
     * to the worker pool either way).
     */
    public Future<Integer> listen(int port) {
        // a negative port is Vert.x's shared random port: every server listening on -1 gets the same free one
        int shared = port == 0 ? -1 : port;
        List<Future<Integer>> listening = new java.util.ArrayList<>();
        for (int i = 0; i < EVENT_LOOP_SERVERS; i++) {
            listening.add(listenOne(shared));
        }
        return Future.all(listening).map(all -> listening.get(0).result()).map(actual -> {
            callbacks.start();
            sweeps = vertx.setPeriodic(500, t -> {
                streamSlots.sweep();
                rateLimits.sweepIfDue();
            });
            return actual;
        });
    }

    private Future<Integer> listenOne(int port) {
        // HTTP/1.1 only on this plain socket: a client asking to upgrade to cleartext HTTP/2 (Java's HttpClient does
        // by default) got part of a large answer (the OpenAPI document) as raw bytes after the switch, which it
        // read as a broken frame; HTTP/2 belongs to the TLS proxy in front, where browsers use it
        HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false);
        return vertx.createHttpServer(options).requestHandler(router).invalidRequestHandler(InvalidRequests::answer)
                .listen(port).map(s -> {
                    servers.add(s);
                    return s.actualPort();
                });
    }

    public Future<Void> close() {
        callbacks.close();
        liveBoards.close();
        if (sweeps >= 0) {
            vertx.cancelTimer(sweeps);
        }
        return Future.all(servers.stream().map(HttpServer::close).toList()).<Void>mapEmpty()
                .andThen(done -> submissions.close());
    }

    /**
     * Stops accepting connections at once and gives the requests in flight up to {@code grace} to finish (an
     * HTTP/1.1 connection closes after its current response); then closes what is left.
     */
    public Future<Void> shutdown(java.time.Duration grace) {
        callbacks.close();
        liveBoards.close();
        return Future.all(servers.stream()
                        .map(s -> s.shutdown(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)).toList())
                .<Void>mapEmpty()
                .andThen(done -> submissions.close());
    }
}
