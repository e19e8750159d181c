package org.cpjudge.api;

import static org.cpjudge.api.ApiClient.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpjudge.api.config.ServerConfig;
import org.cpjudge.rating.PerformanceRating;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/ai_harness.py run as a process against a real server with real judging: it takes a finished ICPC
 * contest with imported real standings, starts a minute-0 virtual run, submits one batch of attempts per
 * problem from a folder, waits, ends the run and prints the result and the AI report. What it prints is
 * checked against what the server answers and against figures known from the attempts themselves; so are its
 * refusals (a bad token, a second run without --resume) and taking up an existing run with --resume.
 */
class AiHarnessTest {

    private static final String ADMIN = "harness-admin-token";
    private static final long PROCESS_TIMEOUT_SECONDS = 300;

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        var db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 2, ADMIN, false));
        api = new ApiClient(server.port());
        api.importSum(ADMIN, "ah-a", "ah-b");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---- helpers

    private static String aiUser(String handle) throws Exception {
        return api.createUser(ADMIN, handle, "ai");
    }

    /** A finished ICPC contest (20 penalty minutes a rejected try) of ah-a (label A) and ah-b (label B). */
    private static void finishedContest(String id) throws Exception {
        var r = api.postJson("/api/v1/contests", ADMIN, body("id", id, "name", id,
                "start", Instant.now().minus(300, ChronoUnit.MINUTES).toString(), "duration_minutes", 120,
                "scoring", "icpc", "penalty_minutes", 20, "problems", new JsonArray().add("ah-a").add("ah-b"),
                "freeze_minutes", 0, "rated", false));
        assertEquals(201, r.status(), r.body());
    }

    /** Real final standings: handle, rating, problems solved, penalty. */
    private static final List<Object[]> REAL = List.of(
            new Object[] {"gold", 2400, 2, 5}, new Object[] {"silver", 2000, 2, 15},
            new Object[] {"bronze", 1700, 2, 60}, new Object[] {"iron", 1500, 1, 0}, new Object[] {"wood", 1200, 0, 0});

    private static void importStandings(String contest) throws Exception {
        JsonArray rows = new JsonArray();
        for (Object[] row : REAL) {
            rows.add(body("handle", row[0], "rating", row[1], "points", row[2], "penalty", row[3]));
        }
        var r = api.postJson("/api/v1/contests/" + contest + "/standings", ADMIN, body("standings", rows));
        assertEquals(201, r.status(), r.body());
    }

    private static void write(Path file, String verdict) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, Sources.SUM.get("python3").get(verdict).content());
    }

    /**
     * Problem A by its label: AC, WA, AC. Problem ah-b by its id: WA (its own cost in costs.json), then AC.
     * The WA prints a + b + 1, so it fails the sample too and forms no consensus cluster.
     */
    private static Path attempts(Path root) throws Exception {
        write(root.resolve("A/01-ac.py"), "AC");
        write(root.resolve("A/02-wa.py"), "WA");
        write(root.resolve("A/03-ac.py"), "AC");
        write(root.resolve("ah-b/01-wa.py"), "WA");
        write(root.resolve("ah-b/02-ac.py"), "AC");
        Files.writeString(root.resolve("ah-b/costs.json"), "{\"01-wa.py\": {\"cost_usd\": 0.5, \"tokens\": 900}}");
        return root;
    }

    record Run(int exitCode, String stdout, String stderr) {
    }

    private static Path script() {
        for (Path p : List.of(Path.of("../examples/ai_harness.py"), Path.of("examples/ai_harness.py"))) {
            if (Files.exists(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new AssertionError("examples/ai_harness.py not found from " + Path.of("").toAbsolutePath());
    }

    /** Runs the harness with {@code args}; the token (if any) through JUDGE_TOKEN, as a user would set it. */
    private static Run harness(Path work, String envToken, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", script().toString(),
                "--server", "http://127.0.0.1:" + server.port()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "harness", ".out");
        Path err = Files.createTempFile(work, "harness", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.remove("JUDGE_TOKEN");
        if (envToken != null) {
            env.put("JUDGE_TOKEN", envToken);
        }
        Process p = pb.start();
        if (!p.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the harness ran over " + PROCESS_TIMEOUT_SECONDS + " s: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String field(String stdout, String label) {
        Matcher m = Pattern.compile("^\\s*" + Pattern.quote(label) + ":\\s+(.+)$", Pattern.MULTILINE).matcher(stdout);
        assertTrue(m.find(), "no '" + label + ":' line in:\n" + stdout);
        return m.group(1).trim();
    }

    /** The report table's line for a problem, split into its columns. */
    private static List<String> reportLine(String stdout, String problem) {
        for (String line : stdout.split("\n")) {
            List<String> cells = List.of(line.trim().split("\\s+"));
            if (cells.get(0).equals(problem)) {
                return cells;
            }
        }
        throw new AssertionError("no report line for " + problem + " in:\n" + stdout);
    }

    private static JsonObject reportRow(JsonObject report, String problem) {
        for (Object o : report.getJsonArray("rows")) {
            if (((JsonObject) o).getString("problem").equals(problem)) {
                return (JsonObject) o;
            }
        }
        throw new AssertionError("no report row for " + problem + ": " + report.encode());
    }

    // ---- tests

    @Test
    void theHarnessTakesAFinishedContestAndPrintsWhereItsAttemptsPlace(@TempDir Path work) throws Exception {
        String token = aiUser("ah_bot");
        finishedContest("ah1");
        importStandings("ah1");
        Path folder = attempts(work.resolve("attempts"));

        Run run = harness(work, token, "--contest", "ah1", "--attempts", folder.toString(), "--model", "test-model",
                "--group", "t1", "--cost-usd", "0.1", "--timeout", "240");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        System.out.println("the harness printed:\n" + run.stdout());

        // what the server says, read here on its own
        var answer = api.get("/api/v1/contests/ah1/virtual/ah_bot", token);
        assertEquals(200, answer.status(), answer.body());
        JsonObject result = answer.json();
        assertEquals("minute0", result.getString("policy"));
        assertFalse(result.getBoolean("active"), "the harness ended the run: " + result.encode());
        // A accepted at its first try; B accepted after one rejected try: 2 solved, 20 penalty minutes, behind
        // gold (2, 5) and silver (2, 15), ahead of bronze (2, 60): third
        assertEquals(2.0, result.getDouble("points"), 1e-9, result.encode());
        assertEquals(20, result.getLong("penalty"), result.encode());
        assertEquals(3, result.getInteger("rank"), result.encode());
        int[] ratings = REAL.stream().mapToInt(r -> (Integer) r[1]).toArray();
        int performance = PerformanceRating.of(3, ratings);
        assertEquals(performance, result.getInteger("performance_rating"), result.encode());

        String out = run.stdout();
        assertEquals("3 among 5 real contestants", field(out, "rank"), out);
        assertEquals(String.valueOf(performance), field(out, "performance rating"), out);
        assertEquals("2", field(out, "points"), out);
        assertEquals("20", field(out, "penalty"), out);
        int delta = result.getInteger("delta_if_rated");
        assertEquals((delta >= 0 ? "+" : "") + delta, field(out, "delta if rated"), out);

        // the report, as the server gives it and as the harness printed it
        JsonObject report = api.get("/api/v1/ai/report?contest=ah1&handle=ah_bot", null).json();
        assertEquals(2, report.getJsonArray("rows").size(), report.encode());
        JsonObject a = reportRow(report, "ah-a");
        JsonObject b = reportRow(report, "ah-b");
        assertEquals("t1-ah-a", a.getString("group"));
        assertEquals("test-model", a.getString("model"));
        assertEquals(List.of(3, 2, 0), List.of(a.getInteger("n"), a.getInteger("correct"), a.getInteger("pending")));
        assertEquals(List.of(2, 1, 0), List.of(b.getInteger("n"), b.getInteger("correct"), b.getInteger("pending")));
        assertEquals(0.3, a.getDouble("cost_usd"), 1e-9, "three attempts at the default 0.1");
        assertEquals(0.6, b.getDouble("cost_usd"), 1e-9, "0.5 from costs.json, 0.1 by default");
        assertEquals(900, b.getInteger("tokens"));

        List<String> lineA = reportLine(out, "ah-a");
        List<String> lineB = reportLine(out, "ah-b");
        assertEquals(List.of("ah-a", "t1-ah-a", "test-model", "3", "2", "0"), lineA.subList(0, 6), out);
        assertEquals(List.of("ah-b", "t1-ah-b", "test-model", "2", "1", "0"), lineB.subList(0, 6), out);
        assertTrue(lineA.contains("1:0.667"), "pass@1 of A is 2/3: " + lineA);
        assertTrue(lineB.contains("1:0.5"), "pass@1 of B is 1/2: " + lineB);
        // B's first attempt fails the sample: consensus of the first one is that attempt (wrong), of both the AC
        assertEquals(false, b.getJsonObject("consensus_at").getBoolean("1"));
        assertEquals(true, b.getJsonObject("consensus_at").getBoolean("2"));
        String consensusB = String.join(" ", lineB);
        assertTrue(consensusB.contains("1:no 2:yes"), consensusB);
        assertEquals("0.3", lineA.get(lineA.size() - 1), out);
        assertEquals("0.6", lineB.get(lineB.size() - 1), out);
        assertTrue(out.contains("groups: 2, solved: 2, cost: 0.9 USD"), out);

        // a second run of the same contest is refused by the server, and nothing more is submitted
        Run again = harness(work, token, "--contest", "ah1", "--attempts", folder.toString(), "--group", "t1");
        assertNotEquals(0, again.exitCode(), again.stdout() + again.stderr());
        assertTrue(again.stderr().contains("virtual_run_exists") && again.stderr().contains("--resume"),
                again.stderr());
        assertEquals(report.getJsonArray("rows"),
                api.get("/api/v1/ai/report?contest=ah1&handle=ah_bot", null).json().getJsonArray("rows"));

        // --resume takes the (now ended) run up: nothing is submitted again, the same figures are printed, as JSON
        Run resumed = harness(work, token, "--contest", "ah1", "--attempts", folder.toString(), "--group", "t1",
                "--resume", "--handle", "ah_bot", "--json");
        assertEquals(0, resumed.exitCode(), resumed.stdout() + resumed.stderr());
        JsonObject printed = new JsonObject(resumed.stdout());
        assertTrue(printed.getJsonArray("submissions").isEmpty(), printed.encode());
        assertEquals(3, printed.getJsonObject("virtual").getInteger("rank"));
        assertEquals(performance, printed.getJsonObject("virtual").getInteger("performance_rating"));
        assertEquals(report.getJsonArray("rows"), printed.getJsonObject("report").getJsonArray("rows"));
    }

    @Test
    void aDeclaredRunCountsEveryAttemptAtTheMinuteGiven(@TempDir Path work) throws Exception {
        String token = aiUser("ah_declared");
        finishedContest("ah4");
        importStandings("ah4");
        Path folder = work.resolve("attempts");
        write(folder.resolve("A/1.py"), "WA");
        write(folder.resolve("A/2.py"), "AC");
        // an attempt of two files: a folder
        Files.createDirectories(folder.resolve("B/1"));
        Files.writeString(folder.resolve("B/1/main.py"),
                "from helper import add\na, b = map(int, input().split())\nprint(add(a, b))\n");
        Files.writeString(folder.resolve("B/1/helper.py"), "def add(a, b):\n    return a + b\n");
        Run run = harness(work, token, "--contest", "ah4", "--attempts", folder.toString(), "--policy", "declared",
                "--minute", "30", "--language", "python3", "--timeout", "240");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        JsonObject result = api.get("/api/v1/contests/ah4/virtual/ah_declared", token).json();
        assertEquals("declared", result.getString("policy"));
        // A at minute 30 after one rejected try (50 minutes), B at minute 30 (30): 2 solves and 80 minutes, behind
        // the three real rows with two solves, ahead of iron (1 solve) and wood
        assertEquals(2.0, result.getDouble("points"), 1e-9, result.encode());
        assertEquals(80, result.getLong("penalty"), result.encode());
        assertEquals(4, result.getInteger("rank"), result.encode());
        assertEquals("A solved at minute 30 (2 tries), B solved at minute 30 (1 try)", field(run.stdout(), "problems"));
        assertEquals("4 among 5 real contestants", field(run.stdout(), "rank"));
        JsonObject report = api.get("/api/v1/ai/report?contest=ah4&handle=ah_declared", null).json();
        assertEquals(1, reportRow(report, "ah-b").getInteger("correct"), report.encode());
    }

    @Test
    void aRefusedBatchLeavesTheRunOpenAndResumeSubmitsOnlyWhatIsMissing(@TempDir Path work) throws Exception {
        String token = aiUser("ah_resume");
        finishedContest("ah5");
        importStandings("ah5");
        Path folder = attempts(work.resolve("attempts"));
        write(folder.resolve("ah-b/bad name.py"), "AC");

        // A's batch is stored; B's is refused as a whole, for a file name with a space in it
        Run broken = harness(work, token, "--contest", "ah5", "--attempts", folder.toString(), "--group", "r");
        assertEquals(1, broken.exitCode(), broken.stdout() + broken.stderr());
        assertTrue(broken.stderr().contains("invalid_file_name") && broken.stderr().contains("submissions[2]")
                && broken.stderr().contains("bad name.py"), broken.stderr());
        assertTrue(broken.stderr().contains("--resume --handle ah_resume"), broken.stderr());
        JsonObject open = api.get("/api/v1/contests/ah5/virtual/ah_resume", token).json();
        assertTrue(open.getBoolean("active"), open.encode());
        JsonArray rows = api.get("/api/v1/ai/report?contest=ah5&handle=ah_resume", token).json().getJsonArray("rows");
        assertEquals(1, rows.size(), "only A's batch was stored: " + rows.encode());
        assertEquals(3, rows.getJsonObject(0).getInteger("n") + rows.getJsonObject(0).getInteger("pending"));

        Files.delete(folder.resolve("ah-b/bad name.py"));
        Run resumed = harness(work, token, "--contest", "ah5", "--attempts", folder.toString(), "--group", "r",
                "--resume", "--handle", "ah_resume", "--timeout", "240");
        assertEquals(0, resumed.exitCode(), resumed.stdout() + resumed.stderr());
        assertTrue(resumed.stderr().contains("ah-a: group r-ah-a has attempts already"), resumed.stderr());
        JsonObject report = api.get("/api/v1/ai/report?contest=ah5&handle=ah_resume", null).json();
        assertEquals(3, reportRow(report, "ah-a").getInteger("n"), "A was not submitted again: " + report.encode());
        assertEquals(2, reportRow(report, "ah-b").getInteger("n"), report.encode());
        JsonObject result = api.get("/api/v1/contests/ah5/virtual/ah_resume", null).json();
        assertFalse(result.getBoolean("active"), result.encode());
        assertEquals(3, result.getInteger("rank"), result.encode());
        assertEquals(List.of("ah-b", "r-ah-b", "-", "2", "1", "0"), reportLine(resumed.stdout(), "ah-b").subList(0, 6));
    }

    @Test
    void aBadTokenStopsTheHarnessWithTheServersErrorCode(@TempDir Path work) throws Exception {
        finishedContest("ah2");
        Path folder = attempts(work.resolve("attempts"));
        Run run = harness(work, null, "--token", "not-a-token", "--contest", "ah2", "--attempts", folder.toString());
        assertNotEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stderr().contains("invalid_token"), run.stderr());
        assertTrue(run.stderr().contains("401"), run.stderr());
        assertTrue(run.stdout().isEmpty(), run.stdout());
    }

    @Test
    void aFolderNamingNoProblemOfTheContestIsRefusedBeforeAnyRunStarts(@TempDir Path work) throws Exception {
        String token = aiUser("ah_lost");
        finishedContest("ah3");
        Path folder = attempts(work.resolve("attempts"));
        write(folder.resolve("Z/01.py"), "AC");
        Run run = harness(work, token, "--contest", "ah3", "--attempts", folder.toString());
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stderr().contains("folder") && run.stderr().contains("Z"), run.stderr());
        var result = api.get("/api/v1/contests/ah3/virtual/ah_lost", ADMIN);
        assertEquals(404, result.status(), "no run was started: " + result.body());
    }
}
