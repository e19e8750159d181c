package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL killed under a running server (kill -9 of its postmaster, as the OOM killer does): the
 * server starts it again by itself, is ready again, and what was stored before is still there.
 */
class EmbeddedPostgresRestartTest {

    private static final String ADMIN = "embedded-restart-admin";

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        // no --db-url: the embedded PostgreSQL; no workers, the language known from configuration
        server = JudgeServer.start(ServerConfig.from(List.of("--port", "0", "--data", dataDir.toString(),
                "--workers", "0", "--admin-token", ADMIN, "--languages", "python3"), Map.of()));
        api = new ApiClient(server.port());
        api.importSum(ADMIN, "sum-embedded");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static ApiClient.Response submit(String token, String n) throws Exception {
        return api.postJson("/api/v1/submissions", token, ApiClient.body("problem", "sum-embedded", "language",
                "python3", "files", new JsonArray().add(ApiClient.body("name", "a.py", "content",
                        "print(sum(map(int, input().split())))  # " + n + "\n"))));
    }

    @Test
    void aKilledEmbeddedPostgresIsStartedAgainAndKeepsItsData() throws Exception {
        String contestant = api.createUser(ADMIN, "embedded_alice", "human");
        ApiClient.Response before = submit(contestant, "before");
        assertEquals(202, before.status(), before.body());
        String id = before.json().getString("id");

        Path pidFile = dataDir.resolve("postgres/cluster/postmaster.pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        assertTrue(postmaster.destroyForcibly(), "SIGKILL sent to the postmaster " + pid);
        postmaster.onExit().get();
        long killedAt = System.nanoTime();

        // (no worker runs here, so /health/ready stays 503 by design: a read that needs the database tells)
        long deadline = killedAt + 90_000_000_000L;
        ApiClient.Response stored;
        do {
            Thread.sleep(200);
            stored = api.get("/api/v1/submissions/" + id, contestant);
        } while (stored.status() != 200 && System.nanoTime() < deadline);
        assertEquals(200, stored.status(), "answering again without a restart of the server, and the submission"
                + " acknowledged before the kill is still there: " + stored.body());
        System.out.printf("embedded PostgreSQL killed: answering again after %d ms%n",
                (System.nanoTime() - killedAt) / 1_000_000L);
        long newPid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        assertNotEquals(pid, newPid, "a new postmaster runs");

        ApiClient.Response after = null;
        for (int i = 0; i < 50 && (after == null || after.status() != 202); i++) {
            after = submit(contestant, "after");
            if (after.status() != 202) {
                Thread.sleep(200); // the pool may hand out a connection broken by the kill once more
            }
        }
        assertEquals(202, after.status(), after.body());
    }
}
