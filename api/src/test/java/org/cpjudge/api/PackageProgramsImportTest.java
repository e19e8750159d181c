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
 * Packages whose programs are not plain single files, imported over HTTP and judged by the server's workers:
 * validators given as build/run scripts or kept in a subfolder with a header, include/ folders that join
 * contestants' submissions, and submissions with odd file names, which never refuse the package.
 */
class PackageProgramsImportTest {

    private static final String ADMIN = "test-admin-token";
    /** The judge module's test packages, from this module's folder (where the tests run). */
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
        contestant = api.createUser(ADMIN, "programs_carol", "human");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void importPackage(String id, byte[] zip) throws Exception {
        var r = api.post("/api/v1/problems?id=" + id, ADMIN, "application/zip", zip);
        assertEquals(201, r.status(), r.body());
    }

    private static String verdict(String problem, String language, String file, String content) throws Exception {
        JsonObject body = new JsonObject().put("problem", problem).put("language", language).put("files",
                new JsonArray().add(new JsonObject().put("name", file).put("content", content)));
        var r = api.postJson("/api/v1/submissions", contestant, body);
        assertEquals(202, r.status(), r.body());
        JsonObject judged = ApiFlowTest.awaitVerdict(api, r.json().getString("id"));
        return judged.getString("verdict") + " " + judged.getString("compile_output", "");
    }

    @Test
    void includedFilesJoinAContestantsSubmission() throws Exception {
        importPackage("included", Zips.of(PACKAGES.resolve("included")));
        String cpp = verdict("included", "cpp", "solve.cpp",
                "#include \"solve.h\"\nlong long solve(long long a, long long b) { return a + b; }\n");
        assertTrue(cpp.startsWith("AC"), "the problem's driver supplies main: " + cpp);
        String py = verdict("included", "python3", "solution.py", "def solve(a, b):\n    return a + b\n");
        assertTrue(py.startsWith("AC"), "include/python3/main.py is the entry point: " + py);
    }

    @Test
    void validatorsGivenAsScriptsOrInASubfolderJudge() throws Exception {
        importPackage("scripted", Zips.of(PACKAGES.resolve("scripted")));
        assertTrue(verdict("scripted", "python3", "a.py", "print(2 * int(input()))\n").startsWith("AC"));
        assertTrue(verdict("scripted", "python3", "a.py", "print(3 * int(input()))\n").startsWith("WA"));
        importPackage("nested", Zips.of(PACKAGES.resolve("nested")));
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
        importPackage("oddnames", bytes.toByteArray());
        assertTrue(verdict("oddnames", "python3", "a.py", "print(sum(map(int, input().split())))\n").startsWith("AC"));
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
