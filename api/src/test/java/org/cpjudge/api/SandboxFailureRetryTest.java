package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.cpjudge.api.config.ServerConfig;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.queue.FailurePolicy;
import org.cpjudge.api.worker.WorkerPool;
import org.cpjudge.judge.Judge;
import org.cpjudge.judge.Languages;
import org.cpjudge.sandbox.Sandbox;
import org.cpjudge.sandbox.SandboxResult;
import org.cpjudge.sandbox.SandboxSpec;
import org.cpjudge.sandbox.Sandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure of the sandbox itself (INTERNAL_ERROR: a supervisor that died or was killed for not answering) is
 * not the submission's verdict: the queue tries the job again after a pause, and only after
 * {@link FailurePolicy#SANDBOX_ATTEMPTS} failed tries (the first and one more) does it get JE, saying so. The API server and database are
 * real; the judge worker runs over the real sandbox behind a switch that fails chosen runs as its supervisor
 * would.
 */
class SandboxFailureRetryTest {

    private static final String ADMIN = "sandbox-retry-admin";

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static Database db;
    private static Sandbox realSandbox;
    private static FailingSandbox sandbox;
    private static WorkerPool workers;
    private static ApiClient api;
    private static String token;

    /** The real sandbox, but the runs it is told to fail end as INTERNAL_ERROR without running. */
    static final class FailingSandbox implements Sandbox {
        private final Sandbox real;
        /** How many of the next runs fail; negative: all of them. */
        final AtomicInteger failNext = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        FailingSandbox(Sandbox real) {
            this.real = real;
        }

        @Override
        public SandboxResult run(SandboxSpec spec) throws IOException, InterruptedException {
            int left = failNext.getAndUpdate(n -> n > 0 ? n - 1 : n);
            if (left != 0) {
                failed.incrementAndGet();
                return new SandboxResult(SandboxResult.Outcome.INTERNAL_ERROR, -1, 0, 0, 0, 0,
                        "the supervisor of slot 7 died");
            }
            return real.run(spec);
        }

        @Override
        public String describe() {
            return "failing on demand over " + real.describe();
        }

        @Override
        public void close() {
        }
    }

    @BeforeAll
    static void start() throws Exception {
        var c = TestDatabases.fresh();
        // the API alone; this test's worker pool judges
        server = JudgeServer.start(new ServerConfig(0, dataDir, c.url(), c.user(), c.password(), 0, ADMIN, false));
        db = Database.open(c.url(), c.user(), c.password(), 4);
        realSandbox = Sandboxes.open(dataDir.resolve("sandbox"));
        sandbox = new FailingSandbox(realSandbox);
        Languages languages = Languages.detect();
        workers = new WorkerPool(db, new Judge(sandbox, languages, dataDir.resolve("judge")), languages,
                dataDir.resolve("problems"), 1, org.cpjudge.api.observe.JudgeMetrics.unserved(),
                org.cpjudge.api.config.ServerConfig.DEFAULT_LEASE_SECONDS);
        api = new ApiClient(server.port());
        api.importSum(ADMIN, "sum");
        token = api.createUser(ADMIN, "flaky_sandbox_user", "ai");
    }

    @AfterAll
    static void stop() {
        if (workers != null) {
            workers.close();
        }
        if (realSandbox != null) {
            realSandbox.close();
        }
        if (db != null) {
            db.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String submit(String verdict) throws Exception {
        var source = Sources.SUM.get("python3").get(verdict);
        JsonObject body = new JsonObject().put("problem", "sum").put("language", "python3").put("files",
                new JsonArray().add(new JsonObject().put("name", source.file()).put("content", source.content())));
        var r = api.postJson("/api/v1/submissions", token, body);
        assertEquals(202, r.status(), r.body());
        return r.json().getString("id");
    }

    @Test
    void aSandboxFailureIsTriedAgainAndTheSubmissionGetsItsOwnVerdict() throws Exception {
        sandbox.failed.set(0);
        sandbox.failNext.set(1);
        JsonObject judged = ApiFlowTest.awaitVerdict(api, submit("WA"));
        assertEquals(1, sandbox.failed.get(), "the first run failed in the sandbox");
        assertEquals("WA", judged.getString("verdict"), "the submission's own verdict, not JE: " + judged);
        assertEquals(1, judged.getJsonArray("history").size(), "judged once: " + judged);
    }

    @Test
    void aSandboxThatKeepsFailingGivesJeSayingSoAfterTheLastTry() throws Exception {
        sandbox.failed.set(0);
        sandbox.failNext.set(-1);
        try {
            JsonObject judged = ApiFlowTest.awaitVerdict(api, submit("AC"));
            assertEquals("JE", judged.getString("verdict"), judged.encode());
            String why = judged.getString("compile_output");
            assertTrue(why.contains("the sandbox failed on each of " + FailurePolicy.SANDBOX_ATTEMPTS + " tries")
                    && why.contains("the supervisor of slot 7 died"), why);
            assertEquals(FailurePolicy.SANDBOX_ATTEMPTS, sandbox.failed.get(), "one failed run per try, then no more");
            assertEquals(1, judged.getJsonArray("history").size(), "one final judgement: " + judged);
        } finally {
            sandbox.failNext.set(0);
        }
    }
}
