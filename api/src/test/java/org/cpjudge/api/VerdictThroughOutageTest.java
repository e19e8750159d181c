package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops while a worker judges, and is still down when the judging ends: the worker keeps its verdict
 * and writes it when the database is back, under the claim it judged with. Before, the verdict was dropped and
 * the job judged a second time once its lease ran out.
 */
class VerdictThroughOutageTest {

    private static final String ADMIN = "verdict-outage-admin";
    private static final int LEASE_SECONDS = 60;
    /** Four tests of three seconds each (sleeping, so under the time limit by CPU and under the wall limit). */
    private static final String SLOW_SUM = "import time\ntime.sleep(3)\na, b = map(int, input().split())\nprint(a + b)\n";

    @TempDir
    static Path dataDir;
    private static OwnPostgres pg;
    private static JudgeServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        pg = OwnPostgres.create();
        server = JudgeServer.start(ServerConfig.from(List.of("--port", "0", "--data", dataDir.toString(),
                "--db-url", pg.url(), "--db-user", pg.user(), "--workers", "1", "--admin-token", ADMIN,
                "--lease-seconds", String.valueOf(LEASE_SECONDS)), Map.of()));
        api = new ApiClient(server.port());
        api.importSum(ADMIN, "sum-slow");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aVerdictJudgedDuringAnOutageIsWrittenWhenTheDatabaseIsBack() throws Exception {
        String contestant = api.createUser(ADMIN, "slow_alice", "human");
        ApiClient.Response r = api.postJson("/api/v1/submissions", contestant, ApiClient.body("problem", "sum-slow",
                "language", "python3", "files", new JsonArray().add(ApiClient.body("name", "slow.py", "content",
                        SLOW_SUM))));
        assertEquals(202, r.status(), r.body());
        String id = r.json().getString("id");
        long deadline = System.nanoTime() + 120_000_000_000L;
        String status;
        do {
            Thread.sleep(50);
            status = api.get("/api/v1/submissions/" + id, contestant).json().getString("status");
        } while (!"running".equals(status) && !"done".equals(status) && System.nanoTime() < deadline);
        assertEquals("running", status, "the worker is running the tests");

        Thread.sleep(1_000);
        pg.stop();
        long stoppedAt = System.nanoTime();
        // the four tests end meanwhile (about 12 s after they started): the verdict is ready, the database gone
        Thread.sleep(16_000);
        pg.start();
        long readyBy = System.nanoTime() + 60_000_000_000L;
        while (api.get("/health/ready", null).status() != 200 && System.nanoTime() < readyBy) {
            Thread.sleep(100);
        }

        JsonObject judged = ApiFlowTest.awaitVerdict(api, id, contestant);
        long seconds = (System.nanoTime() - stoppedAt) / 1_000_000_000L;
        System.out.printf("verdict written %d s after PostgreSQL was stopped (lease %d s)%n", seconds, LEASE_SECONDS);
        assertEquals("AC", judged.getString("verdict"), judged.encode());
        assertEquals(1, judged.getJsonArray("history").size(), "judged once: " + judged.encode());
        // the lease was last renewed at most a quarter of it before the stop: a verdict this early cannot come
        // from a second judging after the lease ran out, only from the first one, kept through the outage
        assertTrue(seconds < LEASE_SECONDS * 3 / 4, "written by the worker that judged it, " + seconds
                + " s after the stop; a second judging could not start before " + LEASE_SECONDS * 3 / 4 + " s");
    }
}
