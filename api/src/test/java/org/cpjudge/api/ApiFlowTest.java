package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end: a real server on a real PostgreSQL, driven over HTTP. Imports a problem,
 * judges one submission per verdict in C, C++, Java and Python, restarts the server on the same data and finds
 * every verdict again.
 */
class ApiFlowTest {

    private static final String ADMIN = "test-admin-token";

    @TempDir
    static Path dataDir;
    private static TestDatabases.Credentials db;
    private static JudgeServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.fresh();
        server = startServer();
        api = new ApiClient(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JudgeServer startServer() throws Exception {
        return JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 2, ADMIN, false));
    }

    @Test
    void readyAndListsTheFourLanguages() throws Exception {
        assertEquals(200, api.get("/health/ready", null).status());
        JsonArray languages = api.get("/api/v1/languages", null).array();
        List<String> ids = languages.stream().map(o -> ((JsonObject) o).getString("id")).toList();
        assertTrue(ids.containsAll(List.of("c", "cpp", "java", "python3")), "languages: " + ids);
        JsonObject cpp = languages.stream().map(o -> (JsonObject) o).filter(l -> l.getString("id").equals("cpp"))
                .findFirst().orElseThrow();
        assertTrue(cpp.getString("name").matches("C\\+\\+17 \\(g\\+\\+ [0-9.]+\\)"), "named with its version: " + cpp.encode());
        assertTrue(cpp.getJsonArray("extensions").contains("cpp"), cpp.encode());
    }

    @Test
    void judgesEveryVerdictInEveryLanguageAndKeepsThemAcrossARestart() throws Exception {
        String problem = importSum("sum-flow");
        String contestant = createUser("flow_alice", "human");

        Map<String, String> expectedById = new LinkedHashMap<>();
        for (var language : Sources.SUM.entrySet()) {
            for (var verdict : language.getValue().entrySet()) {
                String id = submit(contestant, problem, language.getKey(), verdict.getValue());
                expectedById.put(id, language.getKey() + " " + verdict.getKey());
            }
        }
        Map<String, JsonObject> judged = new LinkedHashMap<>();
        for (String id : expectedById.keySet()) {
            judged.put(id, awaitVerdict(id));
        }
        for (var e : expectedById.entrySet()) {
            String expectedVerdict = e.getValue().split(" ")[1];
            JsonObject s = judged.get(e.getKey());
            assertEquals(expectedVerdict, s.getString("verdict"), e.getValue() + ": " + s.encode());
            if (expectedVerdict.equals("AC")) {
                assertEquals(4, s.getJsonArray("testcases").size(), s.encode());
                for (Object t : s.getJsonArray("testcases")) {
                    assertEquals("AC", ((JsonObject) t).getString("verdict"));
                    assertTrue(((JsonObject) t).getInteger("memory_kb") > 0, s.encode());
                }
            }
            if (expectedVerdict.equals("CE")) {
                assertFalse(s.getString("compile_output").isBlank(), "CE without compiler output: " + s.encode());
                assertTrue(s.getJsonArray("testcases").isEmpty());
            }
            if (expectedVerdict.equals("TLE")) {
                assertTrue(s.getInteger("time_ms") >= 1000, "TLE under the 1 s limit: " + s.encode());
            }
        }

        server.close();
        server = startServer();
        api = new ApiClient(server.port());
        for (var e : expectedById.entrySet()) {
            JsonObject again = api.get("/api/v1/submissions/" + e.getKey(), null).json();
            assertEquals(judged.get(e.getKey()).getString("verdict"), again.getString("verdict"), e.getValue());
            assertEquals(judged.get(e.getKey()).getJsonArray("testcases"), again.getJsonArray("testcases"));
        }
        assertEquals(201, api.postJson("/api/v1/users", ADMIN,
                new JsonObject().put("handle", "after_restart").put("kind", "ai")).status(), "admin token survives");
    }

    @Test
    void theLanguageFollowsTheFileExtensionWhenNotGiven() throws Exception {
        String problem = importSum("sum-ext");
        String token = createUser("ext_bob", "ai");
        var source = Sources.SUM.get("python3").get("AC");
        JsonObject body = new JsonObject().put("problem", problem).put("files",
                new JsonArray().add(new JsonObject().put("name", source.file()).put("content", source.content())));
        var r = api.postJson("/api/v1/submissions", token, body);
        assertEquals(202, r.status(), r.body());
        JsonObject s = awaitVerdict(r.json().getString("id"));
        assertEquals("python3", s.getString("language"));
        assertEquals("AC", s.getString("verdict"));
    }

    @Test
    void importAnswersWithTheLimitsItChose() throws Exception {
        var r = api.post("/api/v1/problems?id=sum-limits", ADMIN, "application/zip",
                Zips.of(Zips.resource("packages/sum")));
        assertEquals(201, r.status(), r.body());
        JsonObject p = r.json();
        assertEquals("sum-limits", p.getString("id"));
        assertEquals("Sum of Two", p.getString("name"));
        assertEquals(1000, p.getInteger("time_limit_ms"));
        assertEquals(256, p.getInteger("memory_limit_mb"));
        assertEquals(4, p.getInteger("testcases"));
        var again = api.post("/api/v1/problems?id=sum-limits", ADMIN, "application/zip",
                Zips.of(Zips.resource("packages/sum")));
        assertEquals(409, again.status(), again.body());
    }

    @Test
    void servesTheStatementThePackageBrought() throws Exception {
        String problem = importSum("sum-statement");
        var list = api.get("/api/v1/problems/" + problem + "/statement", null);
        assertEquals(200, list.status(), list.body());
        JsonArray files = list.json().getJsonArray("files");
        assertEquals(1, files.size(), list.body());
        assertEquals("problem.en.md", files.getJsonObject(0).getString("name"));

        var file = api.get(files.getJsonObject(0).getString("url"), null);
        assertEquals(200, file.status());
        assertTrue(file.body().startsWith("# Sum of Two"), file.body());
        assertTrue(file.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"));
        assertEquals("sandbox", file.headers().firstValue("Content-Security-Policy").orElse(""),
                "a statement's own HTML or SVG never runs scripts on the judge's origin");

        for (String escape : List.of("..%2Fproblem.yaml", "%2E%2E/problem.yaml", "nope.md")) {
            var r = api.get("/api/v1/problems/" + problem + "/statement/" + escape, null);
            assertEquals(404, r.status(), escape + ": " + r.body());
        }
        assertEquals(404, api.get("/api/v1/problems/nope/statement", null).status());
    }

    static String importSum(String id) throws Exception {
        var r = api.post("/api/v1/problems?id=" + id, ADMIN, "application/zip", Zips.of(Zips.resource("packages/sum")));
        assertEquals(201, r.status(), r.body());
        return r.json().getString("id");
    }

    static String createUser(String handle, String kind) throws Exception {
        var r = api.postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", handle).put("kind", kind));
        assertEquals(201, r.status(), r.body());
        assertEquals(handle, r.json().getString("handle"));
        assertEquals(kind, r.json().getString("kind"));
        String token = r.json().getString("token");
        assertNotNull(token);
        return token;
    }

    static String submit(String token, String problem, String language, Sources.Source source) throws Exception {
        JsonObject body = new JsonObject().put("problem", problem).put("language", language).put("files",
                new JsonArray().add(new JsonObject().put("name", source.file()).put("content", source.content())));
        var r = api.postJson("/api/v1/submissions", token, body);
        assertEquals(202, r.status(), r.body());
        return r.json().getString("id");
    }

    static JsonObject awaitVerdict(String id) throws Exception {
        return awaitVerdict(api, id);
    }

    static JsonObject awaitVerdict(ApiClient api, String id) throws Exception {
        return awaitVerdict(api, id, null);
    }

    /** Waits as {@code token} reads it: a contest submission is seen only by its author and administrators. */
    static JsonObject awaitVerdict(ApiClient api, String id, String token) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            var r = api.get("/api/v1/submissions/" + id, token);
            assertEquals(200, r.status(), r.body());
            JsonObject s = r.json();
            if ("done".equals(s.getString("status"))) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("submission " + id + " was not judged within 300 s");
    }

    static ApiClient api() {
        return api;
    }
}
