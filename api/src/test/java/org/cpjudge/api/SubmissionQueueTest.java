package org.cpjudge.api;

import static org.cpjudge.api.ApiClient.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The jury's submissions queue, {@code GET /api/v1/submissions}, over real judging: administrators only, newest
 * first, each filter narrowing it, pages cut by the database with the total in {@code X-Total-Count}, and a
 * rejudged submission counted with two judgements once judged again.
 */
class SubmissionQueueTest {

    private static final String ADMIN = "queue-admin-token";

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static ApiClient api;
    private static String alice;
    /** Submission ids, oldest first: alice AC in the contest, bob WA in it, alice WA on practice, alice CE. */
    private static final List<String> ids = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        TestDatabases.Credentials db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 1, ADMIN, false));
        api = new ApiClient(server.port());
        api.importSum(ADMIN, "q-practice", "q-contest");
        var contest = api.postJson("/api/v1/contests", ADMIN, body("id", "qround", "name", "Q Round",
                "start", Instant.now().minus(1, ChronoUnit.MINUTES).toString(), "duration_minutes", 120,
                "scoring", "icpc", "problems", new JsonArray().add("q-contest")));
        assertEquals(201, contest.status(), contest.body());
        alice = api.createUser(ADMIN, "q_alice", "human");
        String bob = api.createUser(ADMIN, "q_bob", "human");
        for (String t : List.of(alice, bob)) {
            assertEquals(2, api.post("/api/v1/contests/qround/register", t, "application/json", new byte[0]).status() / 100);
        }
        ids.add(submit(alice, "q-contest", "qround", "AC"));
        ids.add(submit(bob, "q-contest", "qround", "WA"));
        ids.add(submit(alice, "q-practice", null, "WA"));
        ids.add(submit(alice, "q-practice", null, "CE"));
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

    private static String submit(String token, String problem, String contest, String verdict) throws Exception {
        var source = Sources.SUM.get("c").get(verdict);
        JsonObject b = body("problem", problem, "language", "c",
                "files", new JsonArray().add(body("name", source.file(), "content", source.content())));
        if (contest != null) {
            b.put("contest", contest);
        }
        var r = api.postJson("/api/v1/submissions", token, b);
        assertEquals(202, r.status(), r.body());
        return r.json().getString("id");
    }

    private static List<String> listed(String query) throws Exception {
        var r = api.get("/api/v1/submissions" + query, ADMIN);
        assertEquals(200, r.status(), r.body());
        List<String> out = new ArrayList<>();
        for (Object o : r.array()) {
            out.add(((JsonObject) o).getString("id"));
        }
        return out;
    }

    @Test
    void onlyAdministratorsReadTheQueue() throws Exception {
        var contestant = api.get("/api/v1/submissions", alice);
        assertEquals(403, contestant.status(), contestant.body());
        assertEquals("forbidden", contestant.json().getJsonObject("error").getString("code"));
        var badToken = api.get("/api/v1/submissions", "not-a-token");
        assertEquals(401, badToken.status(), badToken.body());
        assertEquals("invalid_token", badToken.json().getJsonObject("error").getString("code"));
        var anonymous = api.get("/api/v1/submissions", null);
        assertEquals(401, anonymous.status(), anonymous.body());
    }

    @Test
    void theQueueListsNewestFirstAndEachFilterNarrowsIt() throws Exception {
        assertEquals(List.of(ids.get(3), ids.get(2), ids.get(1), ids.get(0)), listed(""));
        assertEquals(List.of(ids.get(1), ids.get(0)), listed("?contest=qround"));
        assertEquals(List.of(ids.get(3), ids.get(2)), listed("?problem=q-practice"));
        assertEquals(List.of(ids.get(3), ids.get(2), ids.get(0)), listed("?handle=q_alice"));
        assertEquals(List.of(ids.get(2), ids.get(1)), listed("?verdict=WA"));
        assertEquals(List.of(ids.get(2)), listed("?verdict=WA&handle=q_alice"));
        assertEquals(List.of(), listed("?handle=nobody"));
        assertEquals(4, listed("?status=done").size());

        var r = api.get("/api/v1/submissions?contest=qround", ADMIN);
        JsonObject first = r.array().getJsonObject(0);
        assertEquals("q_bob", first.getString("handle"));
        assertEquals("q-contest", first.getString("problem"));
        assertEquals("qround", first.getString("contest"));
        assertEquals("c", first.getString("language"));
        assertEquals("done", first.getString("status"));
        assertEquals("WA", first.getString("verdict"));
        assertEquals(1, first.getInteger("judgements"));
        assertTrue(Instant.parse(first.getString("submitted_at")).isBefore(Instant.now()));
    }

    @Test
    void pagesAreCutWithTheTotalAndTheNextPageNamed() throws Exception {
        var r = api.get("/api/v1/submissions?handle=q_alice&limit=2", ADMIN);
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of(ids.get(3), ids.get(2)), r.array().stream().map(o -> ((JsonObject) o).getString("id")).toList());
        assertEquals("3", r.headers().firstValue("X-Total-Count").orElseThrow());
        String link = r.headers().firstValue("Link").orElseThrow();
        assertTrue(link.contains("handle=q_alice") && link.contains("limit=2&offset=2"), link);
        var last = api.get("/api/v1/submissions?handle=q_alice&limit=2&offset=2", ADMIN);
        assertEquals(List.of(ids.get(0)), last.array().stream().map(o -> ((JsonObject) o).getString("id")).toList());
        assertEquals("3", last.headers().firstValue("X-Total-Count").orElseThrow());
        assertFalse(last.headers().firstValue("Link").isPresent(), last.headers().toString());
    }

    @Test
    void badFiltersAreRefused() throws Exception {
        for (String query : List.of("?verdict=GOOD", "?status=asleep", "?handle=", "?contest=a&contest=b", "?limit=0")) {
            var r = api.get("/api/v1/submissions" + query, ADMIN);
            assertEquals(400, r.status(), query + ": " + r.body());
        }
    }

    @Test
    void aRejudgedSubmissionIsCountedWithBothJudgements() throws Exception {
        String ce = ids.get(3);
        var r = api.post("/api/v1/submissions/" + ce + "/rejudge", ADMIN, "application/json", new byte[0]);
        assertEquals(202, r.status(), r.body());
        ApiFlowTest.awaitVerdict(api, ce, ADMIN);
        JsonObject row = api.get("/api/v1/submissions?verdict=CE", ADMIN).array().getJsonObject(0);
        assertEquals(ce, row.getString("id"));
        assertEquals(2, row.getInteger("judgements"), row.encode());
    }
}
