package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contest's AI attempt rule end to end: the same group of three judged attempts (off by one, then right
 * twice) in an "every" contest and in a "consensus" contest. Under "every" the wrong attempt costs a penalty try;
 * under "consensus" the group is one solved try, at the minute of its last attempt. The board's header says which
 * rule applied; the CLICS scoreboard goes by the same rule.
 */
class ContestAttemptRuleTest {

    private static final String ADMIN = "attempt-rule-admin";
    private static final Sources.Source RIGHT =
            new Sources.Source("sum.py", "a, b = map(int, input().split())\nprint(a + b)\n");
    private static final Sources.Source OFF_BY_ONE =
            new Sources.Source("sum.py", "a, b = map(int, input().split())\nprint(a + b + 1)\n");

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static ApiClient api;
    private static String bot;

    @BeforeAll
    static void start() throws Exception {
        TestDatabases.Credentials db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 2, ADMIN, false));
        api = new ApiClient(server.port());
        var p = api.post("/api/v1/problems?id=sum", ADMIN, "application/zip", Zips.of(Zips.resource("packages/sum")));
        assertEquals(201, p.status(), p.body());
        var u = api.postJson("/api/v1/users", ADMIN,
                new JsonObject().put("handle", "bot").put("kind", "ai").put("model", "m"));
        assertEquals(201, u.status(), u.body());
        bot = u.json().getString("token");
        createRunning("every_round", null);
        createRunning("consensus_round", "consensus");
        List<String> ids = new ArrayList<>();
        for (String contest : List.of("every_round", "consensus_round")) {
            ids.add(submit(contest, OFF_BY_ONE, 0));
            ids.add(submit(contest, RIGHT, 1));
            ids.add(submit(contest, RIGHT, 2));
        }
        for (String id : ids) {
            ApiFlowTest.awaitVerdict(api, id, ADMIN);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void createRunning(String id, String aiAttempts) throws Exception {
        JsonObject body = new JsonObject().put("id", id).put("name", id)
                .put("start", Instant.now().minus(1, ChronoUnit.MINUTES).toString()).put("duration_minutes", 120)
                .put("scoring", "icpc").put("problems", new JsonArray().add("sum")).put("rated", false);
        if (aiAttempts != null) {
            body.put("ai_attempts", aiAttempts);
        }
        var r = api.postJson("/api/v1/contests", ADMIN, body);
        assertEquals(201, r.status(), r.body());
        assertEquals(aiAttempts == null ? "every" : aiAttempts, r.json().getString("ai_attempts"), r.body());
        assertEquals(201, api.post("/api/v1/contests/" + id + "/register", bot, "application/json", new byte[0])
                .status());
    }

    private static String submit(String contest, Sources.Source source, int index) throws Exception {
        JsonObject body = new JsonObject().put("problem", "sum").put("language", "python3").put("contest", contest)
                .put("files", new JsonArray().add(new JsonObject().put("name", source.file())
                        .put("content", source.content())))
                .put("attempt", new JsonObject().put("group", "g").put("index", index));
        var r = api.postJson("/api/v1/submissions", bot, body);
        assertEquals(202, r.status(), r.body());
        return r.json().getString("id");
    }

    /** The board once nothing on it is pending (the live board takes in verdicts as they are stored). */
    private static JsonObject settledBoard(String contest) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonObject board;
        do {
            var r = api.get("/api/v1/contests/" + contest + "/scoreboard", null);
            assertEquals(200, r.status(), r.body());
            board = r.json();
            if (cell(board).getInteger("pending") == 0) {
                return board;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return board;
    }

    private static JsonObject row(JsonObject board) {
        return board.getJsonArray("rows").getJsonObject(0);
    }

    private static JsonObject cell(JsonObject board) {
        return row(board).getJsonArray("problems").getJsonObject(0);
    }

    @Test
    void everyAttemptIsATryInAnEveryContest() throws Exception {
        JsonObject board = settledBoard("every_round");
        assertEquals("every", board.getString("ai_attempts"), board.encode());
        JsonObject a = cell(board);
        assertTrue(a.getBoolean("solved"), board.encode());
        assertEquals(2, a.getInteger("attempts"), "the wrong attempt, then the first right one: " + board.encode());
        assertEquals(a.getLong("time_minutes") + 20, row(board).getLong("penalty"), board.encode());
    }

    @Test
    void aGroupIsOneTryItsConsensusAtTheLastAttemptInAConsensusContest() throws Exception {
        JsonObject board = settledBoard("consensus_round");
        assertEquals("consensus", board.getString("ai_attempts"), board.encode());
        JsonObject a = cell(board);
        assertTrue(a.getBoolean("solved"), "the two right attempts are the consensus: " + board.encode());
        assertEquals(1, a.getInteger("attempts"), board.encode());
        assertEquals(a.getLong("time_minutes"), row(board).getLong("penalty"), "no penalty try: " + board.encode());
        // the group counts at its last attempt's minute: never before the every board's first right attempt
        JsonObject every = cell(settledBoard("every_round"));
        assertTrue(a.getLong("time_minutes") >= every.getLong("time_minutes"), board.encode());
    }

    @Test
    void theClicsScoreboardGoesByTheSameRule() throws Exception {
        settledBoard("every_round");
        settledBoard("consensus_round");
        assertEquals(2, clicsCell("every_round").getInteger("num_judged"));
        JsonObject consensus = clicsCell("consensus_round");
        assertEquals(1, consensus.getInteger("num_judged"), consensus.encode());
        assertTrue(consensus.getBoolean("solved"), consensus.encode());
    }

    private static JsonObject clicsCell(String contest) throws Exception {
        var r = api.get("/clics/contests/" + org.cpjudge.api.clics.ClicsIds.of(contest) + "/scoreboard", ADMIN);
        assertEquals(200, r.status(), r.body());
        return r.json().getJsonArray("rows").getJsonObject(0).getJsonArray("problems").getJsonObject(0);
    }

    @Test
    void theRuleIsSetOnCreateAndPatchAndRefusedWhenUnknown() throws Exception {
        JsonObject body = new JsonObject().put("id", "later").put("name", "Later")
                .put("start", Instant.now().plus(1, ChronoUnit.DAYS).toString()).put("duration_minutes", 60)
                .put("scoring", "icpc").put("problems", new JsonArray().add("sum"));
        var created = api.postJson("/api/v1/contests", ADMIN, body);
        assertEquals(201, created.status(), created.body());
        assertEquals("every", created.json().getString("ai_attempts"));
        var patched = api.patchJson("/api/v1/contests/later", ADMIN, new JsonObject().put("ai_attempts", "consensus"));
        assertEquals(200, patched.status(), patched.body());
        assertEquals("consensus", patched.json().getString("ai_attempts"), patched.body());
        assertEquals("consensus", api.get("/api/v1/contests/later", ADMIN).json().getString("ai_attempts"));
        var unknown = api.patchJson("/api/v1/contests/later", ADMIN, new JsonObject().put("ai_attempts", "best"));
        assertEquals(400, unknown.status(), unknown.body());
        assertEquals("invalid_ai_attempts", unknown.json().getJsonObject("error").getString("code"), unknown.body());
    }
}
