package org.cpjudge.api;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cpjudge.api.config.ServerConfig;
import org.cpjudge.api.contest.NewcomerRules;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.EmbeddedPostgres;
import org.cpjudge.api.http.ApiServer;
import org.cpjudge.api.observe.ServerMetrics;
import org.cpjudge.api.store.Tokens;
import org.cpjudge.api.store.UserStore;
import org.cpjudge.api.worker.WorkerPool;
import org.cpjudge.judge.Judge;
import org.cpjudge.judge.Languages;
import org.cpjudge.sandbox.Sandbox;
import org.cpjudge.sandbox.Sandboxes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: the database (external, or embedded in the data directory), the HTTP API, and the local
 * judge workers. {@link #start} brings them up in that order and {@link #close} takes them down in reverse.
 */
public final class JudgeServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JudgeServer.class);
    public static final String ADMIN_HANDLE = "admin";

    private final EmbeddedPostgres embedded;
    private final Database db;
    private final Vertx vertx;
    private final ApiServer api;
    private final WorkerPool workers;
    private final Sandbox sandbox;
    private final int port;
    private final String adminToken;

    private JudgeServer(EmbeddedPostgres embedded, Database db, Vertx vertx, ApiServer api, WorkerPool workers,
                        Sandbox sandbox, int port, String adminToken) {
        this.embedded = embedded;
        this.db = db;
        this.vertx = vertx;
        this.api = api;
        this.workers = workers;
        this.sandbox = sandbox;
        this.port = port;
        this.adminToken = adminToken;
    }

    /** What a process runs: everything, the HTTP API alone, or judge workers alone. */
    public enum Role { ALL, API, WORKER }

    public static JudgeServer start(ServerConfig config) throws Exception {
        return start(config, Role.ALL);
    }

    public static JudgeServer start(ServerConfig config, Role role) throws Exception {
        if (role == Role.WORKER && config.embeddedDatabase()) {
            throw new ServerConfig.ConfigException("a worker process takes jobs from a shared database: set --db-url");
        }
        config.logFormat().apply();
        Files.createDirectories(config.dataDir());
        ServerMetrics metrics = ServerMetrics.create();
        EmbeddedPostgres embedded = null;
        Database db;
        if (config.embeddedDatabase()) {
            embedded = EmbeddedPostgres.start(config.dataDir());
            db = Database.open(embedded.jdbcUrl(), embedded.user(), embedded.password(), poolSize(config));
        } else {
            db = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword(), poolSize(config));
        }
        metrics.watchPool(db.dataSource());
        String adminToken = adminToken(config);
        new UserStore(db).ensureAdministrator(ADMIN_HANDLE, adminToken);

        Sandbox sandbox = null;
        Judge judge = null;
        WorkerPool workers = null;
        if (role != Role.API && config.workers() > 0) {
            sandbox = metrics.meter(openSandbox(config, role));
        }
        if (sandbox != null) {
            int cores = config.boxCores().size();
            if (config.workers() > cores) {
                // boxes then share cores: a submission's time depends on what runs beside it
                log.warn("{} judge workers on {} box cores ({}): boxes share cores round-robin, so CPU times vary "
                        + "with the neighbours' load; --workers {} (or more --box-cores) gives each box a core of"
                        + " its own", config.workers(), cores, config.boxCores(), cores);
            }
            Languages languages = Languages.detect();
            judge = new Judge(sandbox, languages, config.dataDir().resolve("judge"));
            workers = new WorkerPool(db, judge, languages, config.dataDir().resolve("problems"), config.workers(),
                    metrics.judging(), config.leaseSeconds());
        }
        if (role == Role.WORKER && workers == null) {
            throw new ServerConfig.ConfigException("a worker process needs JUDGE_WORKERS of at least 1");
        }
        Vertx vertx = null;
        ApiServer api = null;
        int port = -1;
        if (role != Role.WORKER) {
            vertx = metrics.newVertx();
            api = new ApiServer(vertx, db, config.dataDir(), Optional.ofNullable(judge),
                    NewcomerRules.parse(config.newcomerRule()), config.callbackAllow(), metrics,
                    config.languages(), config.limits(), adminToken);
            port = api.listen(config.port()).toCompletionStage().toCompletableFuture().get();
            log.info("listening on http://localhost:{}/", port);
        }
        log.info("data in {} ; database {}", config.dataDir(),
                embedded != null ? "embedded PostgreSQL (" + embedded.clusterDir() + ")" : config.dbUrl());
        return new JudgeServer(embedded, db, vertx, api, workers, sandbox, port, adminToken);
    }

    /**
     * The sandbox, or null when this machine cannot isolate runs (not root, no namespaces or cgroups). Then
     * {@code serve} still serves the API, without local workers, and says so loudly: the server works for a
     * normal user, and judges once workers run where they can (or with the explicit insecure flag).
     */
    private static Sandbox openSandbox(ServerConfig config, Role role) {
        try {
            return Sandboxes.open(config.dataDir().resolve("sandbox"), config.insecureSandbox(), config.boxCores());
        } catch (IllegalStateException e) {
            if (role == Role.WORKER) {
                throw e;
            }
            log.error("no local judge workers: {}. Submissions wait until a worker runs on a machine that can isolate"
                    + " them (as root), or restart with --insecure-sandbox on a development machine.", e.getMessage());
            return null;
        }
    }

    /** Each worker holds a connection while it writes; the API needs its own besides. */
    private static int poolSize(ServerConfig config) {
        return Math.max(10, config.workers() + 8);
    }

    /** The configured token, else the one generated on the first start (printed that once). */
    private static String adminToken(ServerConfig config) throws Exception {
        if (config.adminToken() != null) {
            return config.adminToken();
        }
        Path file = config.dataDir().resolve("admin-token");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String token = Tokens.generate();
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, token + "\n");
        System.out.println("administrator token (shown once; kept in " + file + "): " + token);
        return token;
    }

    public int port() {
        return port;
    }

    public String adminToken() {
        return adminToken;
    }

    /** Every route the HTTP API mounts (empty for a worker process): what the OpenAPI document must describe. */
    public java.util.List<io.vertx.ext.web.Route> routes() {
        return api == null ? java.util.List.of() : api.routes();
    }

    /** How long HTTP requests in flight at shutdown get to finish; the port is closed at once. */
    static final Duration HTTP_GRACE = Duration.ofSeconds(3);
    /** How long running jobs get to finish at shutdown before they are handed back to the queue. */
    static final Duration JOB_GRACE = Duration.ofSeconds(4);

    /**
     * Stops within about 7 s (SIGTERM runs this): no new job is taken and no new connection accepted at once;
     * requests in flight get {@link #HTTP_GRACE} to finish and running jobs {@link #JOB_GRACE}, side by side;
     * jobs still running then go back to the queue (claimable at once, not after their lease), and the
     * sandbox, the pool of connections and the embedded database close.
     */
    @Override
    public void close() {
        long jobsDeadline = System.nanoTime() + JOB_GRACE.toNanos();
        if (workers != null) {
            workers.stopTaking();
        }
        if (api != null) {
            try {
                api.shutdown(HTTP_GRACE).toCompletionStage().toCompletableFuture()
                        .get(HTTP_GRACE.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.warn("closing the HTTP server failed: {}", e.toString());
            }
            vertx.close();
        }
        if (workers != null) {
            workers.close(Duration.ofNanos(Math.max(0, jobsDeadline - System.nanoTime())));
        }
        if (sandbox != null) {
            sandbox.close();
        }
        db.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
