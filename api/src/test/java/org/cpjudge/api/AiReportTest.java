package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AI contestants end to end: attempts in groups on the "sum" problem, judged on every test by real workers, and
 * the report's counts, pass@k, first-attempt and consensus verdicts, cost and tokens.
 */
class AiReportTest {

    private static final String ADMIN = "ai-admin-token";

    /** Attempts at "sum" by what they print: answers that behave alike print the same tokens on every test. */
    private static final Map<String, Sources.Source> RIGHT = Map.of(
            "python3", new Sources.Source("sum.py", "a, b = map(int, input().split())\nprint(a + b)\n"),
            "c", new Sources.Source("sum.c", "#include <stdio.h>\n"
                    + "int main(void) { long long a, b; scanf(\"%lld %lld\", &a, &b); printf(\"%lld\\n\", a + b); }\n"));
    /** Three programs, one wrong output (a + b + 1), spaced differently: one cluster. */
    private static final List<Map.Entry<String, Sources.Source>> OFF_BY_ONE = List.of(
            Map.entry("python3", new Sources.Source("sum.py", "a, b = map(int, input().split())\nprint(a + b + 1)\n")),
            Map.entry("c", new Sources.Source("sum.c", "#include <stdio.h>\n"
                    + "int main(void) { long long a, b; scanf(\"%lld %lld\", &a, &b); printf(\"  %lld\\n\\n\", a + b + 1); }\n")),
            Map.entry("cpp", new Sources.Source("sum.cpp", "#include <iostream>\n"
                    + "int main() { long long a, b; std::cin >> a >> b; std::cout << a + b + 1 << \" \\r\\n\"; }\n")));
    private static final Sources.Source DIFFERENCE =
            new Sources.Source("sum.py", "a, b = map(int, input().split())\nprint(a - b)\n");
    /**
     * Two programs that add in 16 bits: right on the sample (1 2 gives 3) and on secret/1 (-5 5), wrong on the
     * sums above 32767 (secret/2 and secret/3). They pass the sample test and behave alike (spaced differently:
     * one cluster).
     */
    private static final List<Map.Entry<String, Sources.Source>> OVERFLOW = List.of(
            Map.entry("c", new Sources.Source("sum.c", "#include <stdio.h>\n"
                    + "int main(void) { long long a, b; scanf(\"%lld %lld\", &a, &b);"
                    + " printf(\"  %d\\n\\n\", (short) (unsigned short) (a + b)); }\n")),
            Map.entry("python3", new Sources.Source("sum.py", "a, b = map(int, input().split())\n"
                    + "print((a + b + 2**15) % 2**16 - 2**15)\n")));

    @TempDir
    static Path dataDir;
    private static TestDatabases.Credentials db;
    private static JudgeServer server;
    private static ApiClient api;
    private static String bot;
    private static String other;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 2, ADMIN, false));
        api = new ApiClient(server.port());
        var p = api.post("/api/v1/problems?id=sum", ADMIN, "application/zip", Zips.of(Zips.resource("packages/sum")));
        assertEquals(201, p.status(), p.body());
        bot = createAi("bot", "user-model");
        other = createAi("other_bot", null);
        submitAndJudgeAll();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static final List<String> submitted = new ArrayList<>();

    /**
     * bot, group g1: index 0 right, 1 and 2 off by one, 3 right, 4 off by one (3 alike wrong against 2 right).
     * bot, group g2: index 0 prints a - b, 1 and 2 right, 3 off by one (the right pair is the largest cluster).
     * bot, group g3: index 0 and 2 run out of time, 1 is right.
     * bot, group g4: 0, 2, 4 compile errors, 1 adds in 16 bits, 3 and 5 right, 6 and 7 off by one.
     * bot, group g5: 0 and 1 add in 16 bits.
     * other_bot, group g1: one right attempt, made in contest round1.
     */
    private static void submitAndJudgeAll() throws Exception {
        String[] costs = {"0.1", "0.2", "0.3", "0.1", "0.2"};
        List<Map.Entry<String, Sources.Source>> g1 = List.of(
                Map.entry("python3", RIGHT.get("python3")), OFF_BY_ONE.get(0), OFF_BY_ONE.get(1),
                Map.entry("c", RIGHT.get("c")), OFF_BY_ONE.get(2));
        // submitted out of index order: the index, not the submission time, says which attempt is first
        for (int index : new int[] {3, 1, 0, 4, 2}) {
            submitted.add(submit(bot, g1.get(index).getKey(), g1.get(index).getValue(), new JsonObject().put("group", "g1")
                    .put("index", index).put("model", "attempt-model").put("cost_usd", Double.parseDouble(costs[index]))
                    .put("tokens", 1000 + index)));
        }
        List<Map.Entry<String, Sources.Source>> g2 = List.of(Map.entry("python3", DIFFERENCE),
                Map.entry("python3", RIGHT.get("python3")), Map.entry("c", RIGHT.get("c")), OFF_BY_ONE.get(2));
        for (int index = 0; index < g2.size(); index++) {
            submitted.add(submit(bot, g2.get(index).getKey(), g2.get(index).getValue(),
                    new JsonObject().put("group", "g2").put("index", index).put("cost_usd", 0.5).put("tokens", 10)));
        }
        // g3: two programs that never finish (no output, TLE on every test) behave alike and outvote one right
        List<Map.Entry<String, Sources.Source>> g3 = List.of(Map.entry("c", Sources.SUM.get("c").get("TLE")),
                Map.entry("python3", RIGHT.get("python3")), Map.entry("python3", Sources.SUM.get("python3").get("TLE")));
        for (int index = 0; index < g3.size(); index++) {
            submitted.add(submit(bot, g3.get(index).getKey(), g3.get(index).getValue(),
                    new JsonObject().put("group", "g3").put("index", index)));
        }
        // g4: most attempts fail to compile (3 CE) or fail the sample (2 off by one), which used to make the compile
        // errors the consensus; 1 adds in 16 bits (passes the sample, WA), 3 and 5 are right
        List<Map.Entry<String, Sources.Source>> g4 = List.of(Map.entry("c", Sources.SUM.get("c").get("CE")),
                OVERFLOW.get(0), Map.entry("cpp", Sources.SUM.get("cpp").get("CE")),
                Map.entry("python3", RIGHT.get("python3")), Map.entry("python3", Sources.SUM.get("python3").get("CE")),
                Map.entry("c", RIGHT.get("c")), OFF_BY_ONE.get(0), OFF_BY_ONE.get(2));
        for (int index = 0; index < g4.size(); index++) {
            submitted.add(submit(bot, g4.get(index).getKey(), g4.get(index).getValue(),
                    new JsonObject().put("group", "g4").put("index", index).put("cost_usd", 0.25)));
        }
        // g5: both add in 16 bits, in two languages: one wrong cluster that passes the sample
        for (int index = 0; index < OVERFLOW.size(); index++) {
            submitted.add(submit(bot, OVERFLOW.get(index).getKey(), OVERFLOW.get(index).getValue(),
                    new JsonObject().put("group", "g5").put("index", index).put("cost_usd", 0.15)));
        }
        // the contest comes after the practice attempts: while it runs, its problem is no practice problem
        var contest = api.postJson("/api/v1/contests", ADMIN, new JsonObject().put("id", "round1").put("name", "Round 1")
                .put("start", Instant.now().minus(1, ChronoUnit.MINUTES).toString()).put("duration_minutes", 120)
                .put("scoring", "icpc").put("problems", new JsonArray().add("sum")).put("rated", false));
        assertEquals(201, contest.status(), contest.body());
        assertEquals(201, api.post("/api/v1/contests/round1/register", other, "application/json", new byte[0]).status());
        var inContest = api.postJson("/api/v1/submissions", other, body("python3", RIGHT.get("python3"))
                .put("contest", "round1").put("attempt", new JsonObject().put("group", "g1").put("index", 0)
                        .put("model", "other-model")));
        assertEquals(202, inContest.status(), inContest.body());
        submitted.add(inContest.json().getString("id"));
        for (String id : submitted) {
            awaitDone(id);
        }
    }

    @Test
    void attemptsRunEveryTestAndKeepTheFirstFailuresVerdict() throws Exception {
        // g2 index 0 (a - b) is wrong from the sample on, yet all four tests ran
        JsonObject difference = api.get("/api/v1/submissions/" + submitted.get(5), null).json();
        assertEquals("WA", difference.getString("verdict"), difference.encode());
        assertEquals(4, difference.getJsonArray("testcases").size(), difference.encode());
    }

    /**
     * The sample test is "1 2" (3). Off by one, a - b and the TLEs fail it and form no cluster; compile errors form
     * none either. What is left, by hand:
     * g1 {0, 3} right: one cluster of 2, consensus index 0 (right). consensus@1 {0}: right; @2 {0, 1}: right.
     * g2 {1, 2} right: one cluster; consensus@1 {0 (a - b)}: no cluster, the pick is 0: wrong; @2: right.
     * g3 {1} right: one cluster of 1; consensus@1 {0 (TLE)}: wrong; @2: right.
     */
    @Test
    void reportsEachGroupOfAttempts() throws Exception {
        JsonArray rows = report("?problem=sum&handle=bot");
        assertEquals(5, rows.size(), rows.encode());

        JsonObject g1 = rows.getJsonObject(0);
        assertEquals("bot", g1.getString("handle"));
        assertEquals("sum", g1.getString("problem"));
        assertEquals("g1", g1.getString("group"));
        assertEquals("attempt-model", g1.getString("model"));
        assertEquals(5, g1.getInteger("n"));
        assertEquals(2, g1.getInteger("correct"));
        assertEquals(List.of("1", "2", "5"), List.copyOf(g1.getJsonObject("pass_at").fieldNames()));
        assertEquals(0.4, g1.getJsonObject("pass_at").getDouble("1"));
        assertEquals(0.7, g1.getJsonObject("pass_at").getDouble("2")); // 1 - C(3,2)/C(5,2)
        assertEquals(1.0, g1.getJsonObject("pass_at").getDouble("5"));
        assertTrue(g1.getBoolean("first_attempt_correct"), g1.encode());
        assertTrue(g1.getBoolean("consensus_correct"), "the three off by one fail the sample: " + g1.encode());
        assertEquals(submitted.get(2), g1.getString("consensus_submission"), "index 0, submitted third");
        assertEquals(2, g1.getInteger("consensus_size"));
        assertEquals(1, g1.getInteger("clusters"), "C and Python print the same tokens: " + g1.encode());
        assertEquals(2, g1.getInteger("passed_samples"));
        assertEquals(new JsonObject().put("1", true).put("2", true).put("5", true), g1.getJsonObject("consensus_at"));
        assertEquals(new JsonObject().put("1", true).put("2", true).put("5", true), g1.getJsonObject("n_at_k"));
        assertEquals(0.9, g1.getDouble("cost_usd"), "exact decimal sum");
        assertEquals(0.9, g1.getDouble("cost_per_solved_usd"));
        assertEquals(5010L, g1.getLong("tokens"));
        assertEquals(0, g1.getInteger("pending"));

        JsonObject g2 = rows.getJsonObject(1);
        assertEquals("g2", g2.getString("group"));
        assertEquals("user-model", g2.getString("model"), "attempts naming no model get the contestant's");
        assertEquals(4, g2.getInteger("n"));
        assertEquals(2, g2.getInteger("correct"));
        assertEquals(0.5, g2.getJsonObject("pass_at").getDouble("1"));
        assertEquals(0.833333333333, g2.getJsonObject("pass_at").getDouble("2")); // 1 - 1/6
        assertEquals(List.of("1", "2"), List.copyOf(g2.getJsonObject("pass_at").fieldNames()));
        assertFalse(g2.getBoolean("first_attempt_correct"));
        assertTrue(g2.getBoolean("consensus_correct"), g2.encode());
        assertEquals(1, g2.getInteger("clusters"), "a - b and a + b + 1 fail the sample: " + g2.encode());
        assertEquals(new JsonObject().put("1", false).put("2", true), g2.getJsonObject("consensus_at"));
        assertEquals(new JsonObject().put("1", false).put("2", true), g2.getJsonObject("n_at_k"));
        assertEquals(2.0, g2.getDouble("cost_usd"));
        assertEquals(2.0, g2.getDouble("cost_per_solved_usd"));
        assertEquals(40L, g2.getLong("tokens"));

        JsonObject g3 = rows.getJsonObject(2);
        assertEquals("g3", g3.getString("group"));
        assertEquals(3, g3.getInteger("n"));
        assertEquals(1, g3.getInteger("correct"));
        assertFalse(g3.getBoolean("first_attempt_correct"));
        assertTrue(g3.getBoolean("consensus_correct"), "the two alike TLEs fail the sample: " + g3.encode());
        assertEquals(1, g3.getInteger("clusters"), g3.encode());
        assertEquals(1, g3.getInteger("consensus_size"));
        assertEquals(new JsonObject().put("1", false).put("2", true), g3.getJsonObject("consensus_at"));
        assertEquals(0.0, g3.getDouble("cost_usd"));
        assertEquals(0L, g3.getLong("tokens"));
    }

    /**
     * g4, by index: 0 CE, 1 adds in 16 bits (passes the sample, WA), 2 CE, 3 right, 4 CE, 5 right, 6 and 7 off by
     * one (fail the sample). n = 8, correct = 2. Once the 3 compile errors were one cluster, the largest: the
     * consensus was a compile error. Now the clusters are right {3, 5} and 16 bits {1}: the pick is index 3.
     * pass@1 = 2/8, pass@2 = 1 - C(6,2)/C(8,2) = 13/28, pass@5 = 1 - C(6,5)/C(8,5) = 50/56.
     * consensus@1 {0}: no cluster, the pick is 0 (CE): false. consensus@2 {0, 1}: 1 (WA): false.
     * consensus@5 {0..4}: 16 bits {1} and right {3} tie, 1 came first: false. 10@1 false, 10@2 false (submits 1),
     * 10@5 submits 1 and 3: true. Cost 8 x 0.25 = 2.0, solved.
     * g5: both 16-bit programs, one cluster of 2 (C and Python alike), wrong: nothing solved.
     */
    @Test
    void compileErrorsAndSampleFailuresFormNoCluster() throws Exception {
        JsonArray rows = report("?problem=sum&handle=bot");
        JsonObject g4 = rows.getJsonObject(3);
        assertEquals("g4", g4.getString("group"));
        JsonObject compileError = api.get("/api/v1/submissions/" + submitted.get(12), ADMIN).json();
        assertEquals("CE", compileError.getString("verdict"), compileError.encode());
        JsonObject overflow = api.get("/api/v1/submissions/" + submitted.get(13), ADMIN).json();
        assertEquals("WA", overflow.getString("verdict"), overflow.encode());
        assertEquals(8, g4.getInteger("n"), g4.encode());
        assertEquals(2, g4.getInteger("correct"));
        assertEquals(0.25, g4.getJsonObject("pass_at").getDouble("1"));
        assertEquals(0.464285714286, g4.getJsonObject("pass_at").getDouble("2"));
        assertEquals(0.892857142857, g4.getJsonObject("pass_at").getDouble("5"));
        assertFalse(g4.getBoolean("first_attempt_correct"));
        assertTrue(g4.getBoolean("consensus_correct"), "compile errors no longer outvote: " + g4.encode());
        assertEquals(submitted.get(15), g4.getString("consensus_submission"), "index 3");
        assertEquals(2, g4.getInteger("clusters"), g4.encode());
        assertEquals(2, g4.getInteger("consensus_size"));
        assertEquals(3, g4.getInteger("passed_samples"));
        assertEquals(new JsonObject().put("1", false).put("2", false).put("5", false),
                g4.getJsonObject("consensus_at"), g4.encode());
        assertEquals(new JsonObject().put("1", false).put("2", false).put("5", true),
                g4.getJsonObject("n_at_k"), g4.encode());
        assertEquals(2.0, g4.getDouble("cost_usd"));
        assertEquals(2.0, g4.getDouble("cost_per_solved_usd"));

        JsonObject g5 = rows.getJsonObject(4);
        assertEquals("g5", g5.getString("group"));
        assertEquals(2, g5.getInteger("n"));
        assertEquals(0, g5.getInteger("correct"));
        assertFalse(g5.getBoolean("consensus_correct"));
        assertEquals(1, g5.getInteger("clusters"),
                "the 16-bit C and Python behave alike, whitespace aside: " + g5.encode());
        assertEquals(2, g5.getInteger("consensus_size"));
        assertEquals(2, g5.getInteger("passed_samples"));
        assertEquals(new JsonObject().put("1", false).put("2", false), g5.getJsonObject("consensus_at"));
        assertEquals(new JsonObject().put("1", false).put("2", false), g5.getJsonObject("n_at_k"));
        assertEquals(0.3, g5.getDouble("cost_usd"));
        assertTrue(g5.containsKey("cost_per_solved_usd"), g5.encode());
        assertNull(g5.getValue("cost_per_solved_usd"), "nothing solved: " + g5.encode());
    }

    /**
     * bot's five groups on "sum": g1 0.9 (solved), g2 2.0 (solved), g3 0 (solved), g4 2.0 (solved), g5 0.3 (not):
     * 5.2 USD for 4 solved, 1.3 each. g1's attempts name "attempt-model" (0.9 / 1); the others take bot's
     * "user-model" (4.3 USD, 3 solved: 1.4333...).
     */
    @Test
    void summarizesCostPerSolvedProblemByModelAndProblem() throws Exception {
        var r = api.get("/api/v1/ai/report?problem=sum&handle=bot", ADMIN);
        assertEquals(200, r.status(), r.body());
        JsonObject summary = r.json().getJsonObject("summary");
        assertEquals(5, summary.getInteger("groups"), summary.encode());
        assertEquals(4, summary.getInteger("solved"));
        assertEquals(5.2, summary.getDouble("cost_usd"), 1e-12);
        assertEquals(1.3, summary.getDouble("cost_per_solved_usd"), 1e-12);
        JsonArray byModel = summary.getJsonArray("by_model");
        assertEquals(2, byModel.size(), summary.encode());
        assertEquals("attempt-model", byModel.getJsonObject(0).getString("model"));
        assertEquals(0.9, byModel.getJsonObject(0).getDouble("cost_per_solved_usd"), 1e-12);
        assertEquals("user-model", byModel.getJsonObject(1).getString("model"));
        assertEquals(4, byModel.getJsonObject(1).getInteger("groups"));
        assertEquals(3, byModel.getJsonObject(1).getInteger("solved"));
        assertEquals(4.3 / 3, byModel.getJsonObject(1).getDouble("cost_per_solved_usd"), 1e-12);
        JsonArray byProblem = summary.getJsonArray("by_problem");
        assertEquals(1, byProblem.size());
        assertEquals("sum", byProblem.getJsonObject(0).getString("problem"));
        assertEquals(5, byProblem.getJsonObject(0).getInteger("groups"));
    }

    @Test
    void filtersByProblemHandleAndContest() throws Exception {
        assertEquals(6, report("?problem=sum").size());
        assertEquals(5, report("?handle=bot").size());
        JsonArray others = report("?handle=other_bot");
        assertEquals(1, others.size());
        JsonObject row = others.getJsonObject(0);
        assertEquals("other-model", row.getString("model"));
        assertEquals(1, row.getInteger("n"));
        assertEquals(1.0, row.getJsonObject("pass_at").getDouble("1"));
        assertTrue(row.getBoolean("consensus_correct"));
        assertEquals(new JsonObject().put("1", true), row.getJsonObject("consensus_at"));
        assertEquals(new JsonObject().put("1", true), row.getJsonObject("n_at_k"));
        assertEquals(0.0, row.getDouble("cost_usd"), "no cost given counts as none");

        JsonArray inContest = report("?contest=round1");
        assertEquals(1, inContest.size(), inContest.encode());
        assertEquals("other_bot", inContest.getJsonObject(0).getString("handle"));
        assertEquals(0, report("?contest=round1&handle=bot").size());
    }

    @Test
    void aRunningContestsAttemptsAreTheirAuthorsAndTheAdministratorsAlone() throws Exception {
        assertEquals(0, report("?contest=round1", null).size(), "anonymous readers see none of them");
        assertEquals(0, report("?handle=other_bot", bot).size(), "nor does another contestant");
        assertEquals(5, report("?problem=sum", null).size(), "practice attempts stay public");
        JsonArray own = report("?contest=round1", other);
        assertEquals(1, own.size(), "the author sees their own");
        assertEquals(submitted.get(submitted.size() - 1), own.getJsonObject(0).getString("consensus_submission"));
    }

    @Test
    void badQueriesAreRefused() throws Exception {
        assertError(api.get("/api/v1/ai/report", null), 400, "missing_filter");
        assertError(api.get("/api/v1/ai/report?problem=", null), 400, "invalid_query");
        assertError(api.get("/api/v1/ai/report?problem=sum&problem=sum", null), 400, "invalid_query");
        assertError(api.get("/api/v1/ai/report?problem=nope", null), 404, "problem_not_found");
        assertError(api.get("/api/v1/ai/report?handle=nobody", null), 404, "user_not_found");
        assertError(api.get("/api/v1/ai/report?contest=nothing", null), 404, "contest_not_found");
    }

    @Test
    void malformedAttemptsAreRefused() throws Exception {
        for (JsonObject attempt : List.of(
                new JsonObject().put("group", 5),
                new JsonObject().put("model", List.of("x")),
                new JsonObject().put("index", -1),
                new JsonObject().put("index", 1.5),
                new JsonObject().put("index", "0"),
                new JsonObject().put("tokens", -3),
                new JsonObject().put("tokens", 2.5),
                new JsonObject().put("cost_usd", -0.01),
                new JsonObject().put("cost_usd", "free"))) {
            var r = api.postJson("/api/v1/submissions", bot, body("python3", RIGHT.get("python3")).put("attempt", attempt));
            assertError(r, 400, "invalid_field");
        }
        assertError(api.postJson("/api/v1/submissions", bot, body("python3", RIGHT.get("python3")).put("attempt", 3)),
                400, "invalid_field");
        // 1e400 is an infinite double to the JSON reader (it used to answer 500)
        for (String field : List.of("tokens", "cost_usd", "index")) {
            String json = body("python3", RIGHT.get("python3")).put("attempt", new JsonObject().put(field, 424242))
                    .encode().replace("424242", "1e400");
            assertError(api.post("/api/v1/submissions", bot, "application/json",
                    json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 400, "invalid_field");
        }
    }

    /** As an administrator, who sees every attempt (a running contest's are hidden from others). */
    private static JsonArray report(String query) throws Exception {
        return report(query, ADMIN);
    }

    private static JsonArray report(String query, String token) throws Exception {
        var r = api.get("/api/v1/ai/report" + query, token);
        assertEquals(200, r.status(), r.body());
        return r.json().getJsonArray("rows");
    }

    private static void assertError(ApiClient.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        JsonObject error = r.json().getJsonObject("error");
        assertNotNull(error, r.body());
        assertEquals(code, error.getString("code"), r.body());
        assertFalse(error.getString("message").isBlank(), r.body());
    }

    private static String createAi(String handle, String model) throws Exception {
        var r = api.postJson("/api/v1/users", ADMIN,
                new JsonObject().put("handle", handle).put("kind", "ai").put("model", model));
        assertEquals(201, r.status(), r.body());
        return r.json().getString("token");
    }

    private static JsonObject body(String language, Sources.Source source) {
        return new JsonObject().put("problem", "sum").put("language", language).put("files",
                new JsonArray().add(new JsonObject().put("name", source.file()).put("content", source.content())));
    }

    private static String submit(String token, String language, Sources.Source source, JsonObject attempt)
            throws Exception {
        var r = api.postJson("/api/v1/submissions", token, body(language, source).put("attempt", attempt));
        assertEquals(202, r.status(), r.body());
        return r.json().getString("id");
    }

    private static void awaitDone(String id) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            var r = api.get("/api/v1/submissions/" + id, ADMIN);
            assertEquals(200, r.status(), r.body());
            if ("done".equals(r.json().getString("status"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("submission " + id + " was not judged within 300 s");
    }
}
