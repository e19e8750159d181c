package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polygon packages through the real HTTP API: uploaded as a zip, imported with the limits problem.xml gives,
 * their statement served, and submissions judged by the package's testlib checker and interactor.
 */
class PolygonImportTest {

    private static final String ADMIN = "test-admin-token";
    /** The judge module's Polygon test packages (tests run in the module's folder). */
    private static final Path PACKAGES = Path.of("../judge/src/test/resources/packages-polygon");

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        TestDatabases.Credentials db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 2, ADMIN, false));
        api = new ApiClient(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPolygonZipImportsWithItsOwnLimitsAndItsCheckerJudges() throws Exception {
        JsonObject p = importPackage("polygon-sum", "psum");
        assertEquals("Sum of Two (Polygon)", p.getString("name"));
        assertEquals(1000, p.getInteger("time_limit_ms"));
        assertEquals(256, p.getInteger("memory_limit_mb"));
        assertEquals(4, p.getInteger("testcases"));

        String token = api.createUser(ADMIN, "polygon_ann", "human");
        String right = submit(token, "psum", "cpp", "sum.cpp", source("polygon-sum", "solutions/sum.cpp"));
        String chatty = submit(token, "psum", "python3", "chatty.py", source("polygon-sum", "solutions/chatty.py"));
        JsonObject ac = ApiFlowTest.awaitVerdict(api, right, token);
        assertEquals("AC", ac.getString("verdict"), ac.encode());
        assertEquals(4, ac.getJsonArray("testcases").size());
        JsonObject pe = ApiFlowTest.awaitVerdict(api, chatty, token);
        assertEquals("WA", pe.getString("verdict"), "testlib's presentation error: " + pe.encode());

        var statement = api.get("/api/v1/problems/psum/statement", null);
        assertEquals(200, statement.status(), statement.body());
        JsonArray files = statement.json().getJsonArray("files");
        assertEquals(List.of("problem.html"), files.stream().map(f -> ((JsonObject) f).getString("name")).toList());
    }

    @Test
    void anInteractivePolygonProblemIsJudgedThroughItsInteractor() throws Exception {
        JsonObject p = importPackage("polygon-guess", "pguess");
        assertEquals(2000, p.getInteger("time_limit_ms"));
        String token = api.createUser(ADMIN, "polygon_bob", "human");
        String bisect = submit(token, "pguess", "cpp", "bisect.cpp", source("polygon-guess", "solutions/bisect.cpp"));
        String linear = submit(token, "pguess", "cpp", "linear.cpp", source("polygon-guess", "solutions/linear.cpp"));
        JsonObject ac = ApiFlowTest.awaitVerdict(api, bisect, token);
        assertEquals("AC", ac.getString("verdict"), ac.encode());
        assertEquals(5, ac.getJsonArray("testcases").size());
        JsonObject wa = ApiFlowTest.awaitVerdict(api, linear, token);
        assertEquals("WA", wa.getString("verdict"), wa.encode());
    }

    @Test
    void aPolygonPackageWhoseValidatorRejectsATestIsRefused() throws Exception {
        Path copy = dataDir.resolve("bad-validator/polygon-sum");
        org.cpjudge.judge.HostFiles.copyTree(PACKAGES.resolve("polygon-sum"), copy);
        Files.writeString(copy.resolve("tests/04"), "-7 -8 9\n"); // three numbers: the validator says no
        var r = api.post("/api/v1/problems?id=pbad", ADMIN, "application/zip", Zips.of(copy));
        assertEquals(400, r.status(), r.body());
        assertEquals("invalid_package", r.json().getJsonObject("error").getString("code"));
        assertTrue(r.json().getJsonObject("error").getString("message").contains("tests/04"), r.body());
    }

    private static JsonObject importPackage(String name, String id) throws Exception {
        var r = api.post("/api/v1/problems?id=" + id, ADMIN, "application/zip", Zips.of(PACKAGES.resolve(name)));
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    private static String source(String pkg, String file) throws Exception {
        return Files.readString(PACKAGES.resolve(pkg).resolve(file));
    }

    private static String submit(String token, String problem, String language, String file, String content)
            throws Exception {
        JsonObject body = new JsonObject().put("problem", problem).put("language", language).put("files",
                new JsonArray().add(new JsonObject().put("name", file).put("content", content)));
        var r = api.postJson("/api/v1/submissions", token, body);
        assertEquals(202, r.status(), r.body());
        return r.json().getString("id");
    }
}
