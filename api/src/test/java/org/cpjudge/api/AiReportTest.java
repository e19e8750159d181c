package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

    @Test
    void reportsEachGroupOfAttempts() throws Exception {
        JsonArray rows = report("?problem=sum&handle=bot");
        assertEquals(3, rows.size(), rows.encode());

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
        assertFalse(g1.getBoolean("consensus_correct"), "three alike wrong outvote two right: " + g1.encode());
        assertEquals(3, g1.getInteger("consensus_size"));
        assertEquals(2, g1.getInteger("clusters"), "whitespace does not split the wrong cluster: " + g1.encode());
        assertEquals(0.9, g1.getDouble("cost_usd"), "exact decimal sum");
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
        assertEquals(3, g2.getInteger("clusters"), "a - b and a + b + 1 are different wrong answers");
        assertEquals(2.0, g2.getDouble("cost_usd"));
        assertEquals(40L, g2.getLong("tokens"));

        JsonObject g3 = rows.getJsonObject(2);
        assertEquals("g3", g3.getString("group"));
        assertEquals(3, g3.getInteger("n"));
        assertEquals(1, g3.getInteger("correct"));
        assertFalse(g3.getBoolean("first_attempt_correct"));
        assertFalse(g3.getBoolean("consensus_correct"), "two TLEs without output behave alike: " + g3.encode());
        assertEquals(2, g3.getInteger("clusters"), g3.encode());
        assertEquals(0.0, g3.getDouble("cost_usd"));
        assertEquals(0L, g3.getLong("tokens"));
    }

    @Test
    void filtersByProblemHandleAndContest() throws Exception {
        assertEquals(4, report("?problem=sum").size());
        assertEquals(3, report("?handle=bot").size());
        JsonArray others = report("?handle=other_bot");
        assertEquals(1, others.size());
        JsonObject row = others.getJsonObject(0);
        assertEquals("other-model", row.getString("model"));
        assertEquals(1, row.getInteger("n"));
        assertEquals(1.0, row.getJsonObject("pass_at").getDouble("1"));
        assertTrue(row.getBoolean("consensus_correct"));
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
        assertEquals(3, report("?problem=sum", null).size(), "practice attempts stay public");
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
