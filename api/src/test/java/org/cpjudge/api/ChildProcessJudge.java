package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged jar run as child processes on one external PostgreSQL, for the crash tests: {@code serve},
 * {@code api} and {@code worker} processes that a test kills or stops, and direct SQL to see what the queue and
 * the judgements hold meanwhile.
 */
final class ChildProcessJudge {

    static final String ADMIN = "crash-admin-token";

    /** A solution of "sum" that takes about {@code seconds} per test by the wall clock, using no CPU: AC. */
    static JsonObject slowSum(int seconds) {
        return sumSubmission("sum.py", "import time\ntime.sleep(" + seconds + ")\na, b = map(int, input().split())\n"
                + "print(a + b)\n", "python3");
    }

    static JsonObject sum(String language, String verdict) {
        var source = Sources.SUM.get(language).get(verdict);
        return sumSubmission(source.file(), source.content(), language);
    }

    private static JsonObject sumSubmission(String file, String content, String language) {
        return new JsonObject().put("problem", "sum").put("language", language)
                .put("files", new JsonArray().add(new JsonObject().put("name", file).put("content", content)));
    }

    private final TestDatabases.Credentials db;
    private final int leaseSeconds;

    ChildProcessJudge(int leaseSeconds) throws Exception {
        this.db = TestDatabases.fresh();
        this.leaseSeconds = leaseSeconds;
    }

    private List<String> common(Path dataDir, int workers) {
        return new ArrayList<>(List.of("--data", dataDir.toString(), "--db-url", db.url(), "--db-user", db.user(),
                "--db-password", db.password() == null ? "" : db.password(), "--admin-token", ADMIN,
                "--workers", String.valueOf(workers), "--lease-seconds", String.valueOf(leaseSeconds)));
    }

    /** The API and {@code workers} local workers in one process, ready. */
    JarServer serve(Path dataDir, int port, int workers) throws Exception {
        List<String> args = common(dataDir, workers);
        args.addAll(List.of("--port", String.valueOf(port)));
        JarServer server = JarServer.start(List.of(), JarServer.jar(), "serve", args);
        server.awaitReady();
        return server;
    }

    /** The API alone, listening (it is ready once a worker announced itself). */
    JarServer api(Path dataDir, int port) throws Exception {
        List<String> args = common(dataDir, 0);
        args.addAll(List.of("--port", String.valueOf(port)));
        JarServer server = JarServer.start(List.of(), JarServer.jar(), "api", args);
        server.awaitOutput("listening on");
        return server;
    }

    /** A worker process, once it has announced itself in the registry; its workers' ids begin with the result. */
    WorkerProcess worker(Path dataDir, int workers) throws Exception {
        JarServer process = JarServer.start(List.of(), JarServer.jar(), "worker", common(dataDir, workers));
        String pidPart = "%-" + process.process().pid() + "-%";
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (count("SELECT count(*) FROM judge_workers WHERE id LIKE ?", pidPart) == 0) {
            if (!process.process().isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the worker did not start: " + process.output());
            }
            Thread.sleep(100);
        }
        return new WorkerProcess(process, pidPart);
    }

    record WorkerProcess(JarServer process, String idPattern) {
    }

    /** Imports "sum" and makes {@code users} contestants; their tokens. */
    static List<String> setUp(ApiClient api, int users) throws Exception {
        api.importSum(ADMIN, "sum");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            tokens.add(api.createUser(ADMIN, "crash_user_" + i, "ai"));
        }
        return tokens;
    }

    static String submit(ApiClient api, String token, JsonObject submission) throws Exception {
        var r = api.postJson("/api/v1/submissions", token, submission);
        assertEquals(202, r.status(), r.body());
        return r.json().getString("id");
    }

    /** The first column of the first row of a query, as a long. */
    long count(String sql, Object... args) throws Exception {
        Object v = value(sql, args);
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** The first column of the first row of a query (null when there is no row). */
    Object value(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    /** Waits until the submission's status is {@code status} (as the workers write it). */
    void awaitStatus(java.util.UUID submission, String status, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (!status.equals(value("SELECT status FROM submissions WHERE id = ?", submission))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("submission " + submission + " not " + status + " within " + timeoutSeconds
                        + " s; it is " + value("SELECT status FROM submissions WHERE id = ?", submission));
            }
            Thread.sleep(50);
        }
    }
}
