package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's path: {@code java -jar api/target/judge.jar serve} with nothing configured starts an embedded
 * PostgreSQL in the data directory (as root here, the usual case), prints where it listens and the generated
 * administrator token once, becomes ready, and finds its data again after a restart.
 */
class JarServeIT {

    @TempDir
    Path dataDir;

    private JarServer serve(int port) throws Exception {
        return JarServer.start(List.of(), JarServer.jar(), List.of("--data", dataDir.toString(), "--port",
                String.valueOf(port), "--workers", "1"));
    }

    @Test
    void servesFromAnEmbeddedDatabaseAndKeepsItsDataAcrossRestarts() throws Exception {
        int port = JarServer.freePort();
        JarServer first = serve(port);
        String token;
        try {
            first.awaitReady();
            token = Files.readString(dataDir.resolve("admin-token")).strip();
            assertTrue(first.output().stream().anyMatch(l -> l.contains("administrator token") && l.contains(token)),
                    "the generated token is printed: " + first.output());
            assertTrue(first.output().stream().anyMatch(l -> l.contains("listening on http://localhost:" + port)),
                    "prints where it listens: " + first.output());
            assertTrue(first.output().stream().anyMatch(l -> l.contains(dataDir.toString())),
                    "prints where its data lives: " + first.output());
            var created = new ApiClient(port).postJson("/api/v1/users", token,
                    new JsonObject().put("handle", "newcomer").put("kind", "human"));
            assertEquals(201, created.status(), created.body());
            assertTrue(Files.exists(dataDir.resolve("postgres/cluster/PG_VERSION")), "the database lives in the data dir");
        } finally {
            first.stop();
        }

        JarServer second = serve(port);
        try {
            second.awaitReady();
            assertFalse(second.output().stream().anyMatch(l -> l.contains("administrator token")),
                    "the token is printed only when generated: " + second.output());
            var again = new ApiClient(port).get("/api/v1/users/newcomer", null);
            assertEquals(200, again.status(), again.body());
            var admin = new ApiClient(port).postJson("/api/v1/users", token, new JsonObject().put("handle", "second"));
            assertEquals(201, admin.status(), admin.body());
        } finally {
            second.stop();
        }
    }
}
