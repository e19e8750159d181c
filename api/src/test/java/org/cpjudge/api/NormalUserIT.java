package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.cpjudge.api.files.Trees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code judge.jar serve} started by a normal user (uid 65534 here): the embedded PostgreSQL runs as that user;
 * without root the sandbox cannot isolate, so the API serves without local workers and says why, and with the
 * explicit insecure development flag it judges.
 */
class NormalUserIT {

    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

    private Path home;
    private Path jar;

    @BeforeEach
    void prepare() throws Exception {
        assertEquals(0, new com.sun.security.auth.module.UnixSystem().getUid(),
                "this test switches to another user, which needs root (CI runs as root)");
        home = Files.createTempDirectory(Path.of("/tmp"), "cpjudge-normal-user-");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        jar = home.resolve("judge.jar");
        Files.copy(JarServer.jar(), jar, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterEach
    void clean() throws Exception {
        Trees.delete(home);
    }

    private JarServer serve(int port, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--data", home.resolve("data").toString(),
                "--port", String.valueOf(port), "--workers", "1"));
        args.addAll(List.of(extra));
        return JarServer.start(AS_NOBODY, jar, args);
    }

    @Test
    void withoutRootTheApiServesWithoutWorkersAndWithTheInsecureFlagItJudges() throws Exception {
        int port = JarServer.freePort();
        ApiClient api = new ApiClient(port);
        JarServer secure = serve(port);
        try {
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (secure.output().stream().noneMatch(l -> l.contains("listening on")) && System.nanoTime() < deadline) {
                assertTrue(secure.process().isAlive(), "the server died: " + secure.output());
                Thread.sleep(200);
            }
            assertTrue(secure.output().stream().anyMatch(l -> l.contains("no local judge workers")),
                    "says why it does not judge: " + secure.output());
            var ready = api.get("/health/ready", null);
            assertEquals(503, ready.status(), ready.body());
            assertEquals("not_ready", ready.json().getJsonObject("error").getString("code"));
        } finally {
            secure.stop();
        }

        JarServer insecure = serve(port, "--insecure-sandbox");
        try {
            insecure.awaitReady();
            assertTrue(insecure.output().stream().anyMatch(l -> l.contains("INSECURE SANDBOX")), insecure.output().toString());
            String admin = Files.readString(home.resolve("data/admin-token")).strip();
            var problem = api.post("/api/v1/problems?id=sum", admin, "application/zip", Zips.of(Zips.resource("packages/sum")));
            assertEquals(201, problem.status(), problem.body());
            for (String language : List.of("c", "python3", "java")) {
                for (String verdict : List.of("AC", "WA")) {
                    var source = Sources.SUM.get(language).get(verdict);
                    JsonObject body = new JsonObject().put("problem", "sum").put("language", language).put("files",
                            new JsonArray().add(new JsonObject().put("name", source.file()).put("content", source.content())));
                    var r = api.postJson("/api/v1/submissions", admin, body);
                    assertEquals(202, r.status(), r.body());
                    JsonObject judged = ApiFlowTest.awaitVerdict(api, r.json().getString("id"));
                    assertEquals(verdict, judged.getString("verdict"), language + ": " + judged.encode());
                }
            }
        } finally {
            insecure.stop();
        }
    }
}
