package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge's own test packages of every Kattis edition (judge/src/test/resources/packages) imported through
 * the API as zips, their reference submissions sent as contestants send them, each getting the verdict and
 * score the package expects (the same packages `verify` checks in the judge's tests); and packages whose programs
 * are not plain single files: validators given as build/run scripts or kept in a subfolder with a header,
 * include/ folders that join contestants' submissions, and submissions with odd file names, which never refuse
 * the package.
 */
class PackageFormatsApiTest {

    private static final String ADMIN = "formats-admin-token";
    private static final Path PACKAGES = Path.of("../judge/src/test/resources/packages");

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static ApiClient api;
    private static String contestant;

    @BeforeAll
    static void start() throws Exception {
        TestDatabases.Credentials db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 2, ADMIN, false));
        api = new ApiClient(server.port());
        contestant = api.createUser(ADMIN, "formats_carol", "human");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonObject importPackage(String name) throws Exception {
        return importZip(name, Zips.of(PACKAGES.resolve(name)));
    }

    private static JsonObject importZip(String id, byte[] zip) throws Exception {
        var r = api.post("/api/v1/problems?id=" + id, ADMIN, "application/zip", zip);
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    /** A contestant's own submission of one file: its verdict and compile output. */
    private static String verdict(String problem, String language, String file, String content) throws Exception {
        JsonObject body = new JsonObject().put("problem", problem).put("language", language).put("files",
                new JsonArray().add(new JsonObject().put("name", file).put("content", content)));
        var r = api.postJson("/api/v1/submissions", contestant, body);
        assertEquals(202, r.status(), r.body());
        JsonObject judged = ApiFlowTest.awaitVerdict(api, r.json().getString("id"));
        return judged.getString("verdict") + " " + judged.getString("compile_output", "");
    }

    /** Sends the package's own reference submission as a contestant would and waits for its judgement. */
    private static JsonObject submit(String problem, String submission) throws Exception {
        Path file = PACKAGES.resolve(problem).resolve("submissions").resolve(submission);
        JsonObject body = ApiClient.body("problem", problem, "files", new JsonArray().add(new JsonObject()
                .put("name", file.getFileName().toString()).put("content", Files.readString(file))));
        var r = api.postJson("/api/v1/submissions", contestant, body);
        assertEquals(202, r.status(), r.body());
        return ApiFlowTest.awaitVerdict(api, r.json().getString("id"), ADMIN);
    }

    @Test
    void a2025ScoringPackageImportsWithItsCreditsAndScoresAsItsSubmissionsYamlSays() throws Exception {
        JsonObject imported = importPackage("modern");
        assertEquals("2025-09", imported.getString("format"));
        assertEquals(new JsonArray().add("scoring"), imported.getJsonArray("type"));
        assertEquals("Ada Setter <ada@setter.example>", imported.getJsonObject("credits").getJsonArray("authors")
                .getString(0));
        assertEquals(6, imported.getInteger("testcases"));
        assertEquals(100.0, submit("modern", "accepted/exact.py").getDouble("score"), 1e-9);
        assertEquals(65.0, submit("modern", "partial/close.py").getDouble("score"), 1e-9);
        assertEquals(0.0, submit("modern", "partial/large_only.py").getDouble("score"), 1e-9);
    }

    @Test
    void legacyScoringStopsAGroupAtItsFirstRejection() throws Exception {
        JsonObject imported = importPackage("legacyscore");
        assertEquals("legacy", imported.getString("format"));
        assertEquals(40.0, submit("legacyscore", "partial/positive_only.c").getDouble("score"), 1e-9);
    }

    @Test
    void multiPassAndKattisTestlibValidatorsJudgeOverTheApi() throws Exception {
        assertEquals(new JsonArray().add("pass-fail").add("multi-pass"), importPackage("multipass")
                .getJsonArray("type"));
        assertEquals("AC", submit("multipass", "accepted/both_passes.py").getString("verdict"));
        assertEquals("WA", submit("multipass", "wrong_answer/first_pass_only.py").getString("verdict"));
        importPackage("kattislib");
        assertEquals("AC", submit("kattislib", "accepted/sum.c").getString("verdict"));
        assertEquals("WA", submit("kattislib", "wrong_answer/int_overflow.c").getString("verdict"));
    }

    @Test
    void theImportWarnsOfAnExpectedTimeLimitExceederThatRunsWithinTheMargin() throws Exception {
        JsonObject imported = importPackage("tlemargin");
        assertEquals(1000, imported.getInteger("time_limit_ms"));
        JsonArray warnings = imported.getJsonArray("warnings");
        assertTrue(warnings.stream().anyMatch(w -> w.toString().startsWith("time_limit_exceeded/not_slow.py")),
                warnings.encode());
        assertEquals("TLE", submit("tlemargin", "time_limit_exceeded/forever.py").getString("verdict"));
    }

    @Test
    void includedFilesJoinAContestantsSubmission() throws Exception {
        importPackage("included");
        String cpp = verdict("included", "cpp", "solve.cpp",
                "#include \"solve.h\"\nlong long solve(long long a, long long b) { return a + b; }\n");
        assertTrue(cpp.startsWith("AC"), "the problem's driver supplies main: " + cpp);
        String py = verdict("included", "python3", "solution.py", "def solve(a, b):\n    return a + b\n");
        assertTrue(py.startsWith("AC"), "include/python3/main.py is the entry point: " + py);
    }

    @Test
    void validatorsGivenAsScriptsOrInASubfolderJudge() throws Exception {
        importPackage("scripted");
        assertTrue(verdict("scripted", "python3", "a.py", "print(2 * int(input()))\n").startsWith("AC"));
        assertTrue(verdict("scripted", "python3", "a.py", "print(3 * int(input()))\n").startsWith("WA"));
        importPackage("nested");
        assertTrue(verdict("nested", "python3", "a.py", "print(3)\n").startsWith("AC"));
        assertTrue(verdict("nested", "python3", "a.py", "print(1)\n").startsWith("WA"));
    }

    @Test
    void submissionsWithOddNamesDoNotRefuseThePackage() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path base = PACKAGES.resolve("oddnames");
        try (ZipOutputStream zip = new ZipOutputStream(bytes); var walk = Files.walk(base)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                entry(zip, "oddnames/" + base.relativize(f), Files.readString(f));
            }
            entry(zip, "oddnames/submissions/accepted/my sol #1\\x.py",
                    "a, b = map(int, input().split())\nprint(a + b)\n");
            entry(zip, "oddnames/submissions/accepted/-dash.py", "print(0)\n");
        }
        JsonObject imported = importZip("oddnames", bytes.toByteArray());
        assertTrue(imported.getJsonArray("warnings").stream().anyMatch(w -> w.toString().contains("-dash.py")),
                imported.encode());
        assertTrue(verdict("oddnames", "python3", "a.py", "print(sum(map(int, input().split())))\n").startsWith("AC"));
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
