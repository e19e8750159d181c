package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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

    @Test
    void servesFromAnEmbeddedDatabaseAndKeepsItsDataAcrossRestarts() throws Exception {
        int port = freePort();
        Server first = Server.start(dataDir, port);
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

        Server second = Server.start(dataDir, port);
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

    private record Server(Process process, List<String> output) {

        static Server start(Path dataDir, int port) throws Exception {
            Path jar = Path.of("target", "judge.jar").toAbsolutePath();
            assertTrue(Files.exists(jar), "package the jar first: " + jar);
            ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar.toString(), "serve", "--data", dataDir.toString(),
                    "--port", String.valueOf(port), "--workers", "1").redirectErrorStream(true);
            pb.environment().keySet().removeIf(k -> k.startsWith("JUDGE_"));
            Process p = pb.start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (Exception ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            return new Server(p, lines);
        }

        void awaitReady() throws Exception {
            ApiClient api = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline) {
                assertTrue(process.isAlive(), "the server died: " + output);
                String listening = output.stream().filter(l -> l.contains("listening on")).findFirst().orElse(null);
                if (listening != null) {
                    int port = Integer.parseInt(listening.replaceAll(".*localhost:(\\d+).*", "$1"));
                    api = api == null ? new ApiClient(port) : api;
                    if (api.get("/health/ready", null).status() == 200) {
                        return;
                    }
                }
                Thread.sleep(200);
            }
            throw new AssertionError("not ready within 180 s: " + output);
        }

        void stop() throws Exception {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the server did not stop on SIGTERM: " + output);
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
