package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cpjudge.api.config.ServerConfig;
import org.cpjudge.rating.CodeforcesRating;
import org.cpjudge.rating.Contestant;
import org.cpjudge.rating.NewcomerRule;
import org.cpjudge.rating.RatingChange;
import org.cpjudge.rating.Standing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rated ICPC contest over HTTP: registration, submissions that count only from registered contestants while
 * it runs, the scoreboard, finalizing exactly once with Codeforces rating changes, profiles and the leaderboard.
 */
class ContestFlowTest {

    private static final String ADMIN = "contest-admin-token";

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        var db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 2, ADMIN, false));
        api = new ApiClient(server.port());
        for (String id : List.of("cf-a", "cf-b")) {
            var r = api.post("/api/v1/problems?id=" + id, ADMIN, "application/zip", Zips.of(Zips.resource("packages/sum")));
            assertEquals(201, r.status(), r.body());
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String user(String handle, String kind) throws Exception {
        var r = api.postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", handle).put("kind", kind));
        assertEquals(201, r.status(), r.body());
        return r.json().getString("token");
    }

    private static JsonObject contest(String id, Instant start, boolean rated) {
        return new JsonObject().put("id", id).put("name", "Round " + id).put("start", start.toString())
                .put("duration_minutes", 120).put("scoring", "icpc").put("problems", new JsonArray().add("cf-a").add("cf-b"))
                .put("freeze_minutes", 0).put("rated", rated);
    }

    private static ApiClient.Response submit(String token, String contest, String problem, String verdict) throws Exception {
        var source = Sources.SUM.get("python3").get(verdict);
        JsonObject body = new JsonObject().put("problem", problem).put("language", "python3").put("contest", contest)
                .put("files", new JsonArray().add(new JsonObject().put("name", source.file()).put("content", source.content())));
        return api.postJson("/api/v1/submissions", token, body);
    }

    private static void assertError(ApiClient.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().getJsonObject("error").getString("code"), r.body());
    }

    @Test
    void aRatedContestFromRegistrationToRatingChanges() throws Exception {
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES);
        var created = api.postJson("/api/v1/contests", ADMIN, contest("round1", start, true));
        assertEquals(201, created.status(), created.body());
        assertEquals("running", created.json().getString("status"));

        String alice = user("c_alice", "human");
        String bob = user("c_bob", "human");
        String model = user("c_model", "ai");
        String idle = user("c_idle", "human");
        String stranger = user("c_stranger", "human");
        for (String token : List.of(alice, bob, model, idle)) {
            assertEquals(201, api.post("/api/v1/contests/round1/register", token, "application/json", new byte[0]).status());
        }
        assertEquals(200, api.post("/api/v1/contests/round1/register", alice, "application/json", new byte[0]).status(),
                "registering twice is harmless");

        assertError(submit(stranger, "round1", "cf-a", "AC"), 403, "not_registered");
        assertError(submit(alice, "round1", "sum-not-in-contest", "AC"), 404, "problem_not_found");
        assertError(submit(alice, "nope", "cf-a", "AC"), 404, "contest_not_found");

        List<String> ids = new ArrayList<>();
        for (var s : List.of(submit(alice, "round1", "cf-a", "WA"), submit(alice, "round1", "cf-a", "CE"),
                submit(alice, "round1", "cf-a", "AC"), submit(alice, "round1", "cf-b", "AC"),
                submit(bob, "round1", "cf-a", "AC"), submit(model, "round1", "cf-b", "WA"))) {
            assertEquals(202, s.status(), s.body());
            ids.add(s.json().getString("id"));
        }
        for (String id : ids) {
            ApiFlowTest.awaitVerdict(api, id, ADMIN);
        }

        JsonObject board = api.get("/api/v1/contests/round1/scoreboard", null).json();
        assertEquals("round1", board.getString("contest"));
        assertFalse(board.getBoolean("frozen"));
        JsonArray rows = board.getJsonArray("rows");
        assertEquals(4, rows.size(), "every registered contestant has a row: " + board.encode());
        JsonObject first = rows.getJsonObject(0);
        assertEquals("c_alice", first.getString("handle"));
        assertEquals(1, first.getInteger("rank"));
        assertEquals(2, first.getInteger("solved"));
        JsonObject aliceA = first.getJsonArray("problems").getJsonObject(0);
        assertEquals("cf-a", aliceA.getString("problem"));
        assertEquals(2, aliceA.getInteger("attempts"), "WA then AC; the CE is free");
        long aMinute = aliceA.getLong("time_minutes");
        long bMinute = first.getJsonArray("problems").getJsonObject(1).getLong("time_minutes");
        assertEquals(aMinute + 20 + bMinute, first.getLong("penalty"));
        assertEquals("c_bob", rows.getJsonObject(1).getString("handle"));
        assertEquals(1, rows.getJsonObject(1).getInteger("solved"));
        assertEquals(3, rows.getJsonObject(2).getInteger("rank"), "model and idle tie with nothing solved");
        assertEquals(3, rows.getJsonObject(3).getInteger("rank"));

        var finalized = api.post("/api/v1/contests/round1/finalize", ADMIN, "application/json", new byte[0]);
        assertEquals(200, finalized.status(), finalized.body());
        JsonArray changes = finalized.json().getJsonArray("rating_changes");
        assertEquals(3, changes.size(), "the idle contestant never submitted and is not rated: " + finalized.body());

        // the same changes the rating module gives for these standings, all newcomers under Codeforces' 2020 rule
        List<Standing> standings = List.of(
                Standing.byScore(Contestant.newcomer("c_alice", NewcomerRule.CODEFORCES_2020), 2, first.getLong("penalty")),
                Standing.byScore(Contestant.newcomer("c_bob", NewcomerRule.CODEFORCES_2020), 1, rows.getJsonObject(1).getLong("penalty")),
                Standing.byScore(Contestant.newcomer("c_model", NewcomerRule.CODEFORCES_2020), 0, 0));
        Map<String, RatingChange> expected = new HashMap<>();
        CodeforcesRating.compute(standings).forEach(c -> expected.put(c.handle(), c));
        for (Object o : changes) {
            JsonObject c = (JsonObject) o;
            RatingChange e = expected.get(c.getString("handle"));
            assertEquals(e.rank(), c.getInteger("rank"));
            assertEquals(0, c.getInteger("old_rating"), "a newcomer shows 0");
            assertEquals(e.newDisplayedRating(), c.getInteger("new_rating"), c.encode());
            assertEquals(e.newDisplayedRating() - e.oldDisplayedRating(), c.getInteger("delta"), "the public change");
        }

        var again = api.post("/api/v1/contests/round1/finalize", ADMIN, "application/json", new byte[0]);
        assertEquals(200, again.status());
        assertTrue(again.json().getBoolean("already_finalized"));
        assertEquals(changes, again.json().getJsonArray("rating_changes"), "finalizing twice changes nothing");

        JsonObject profile = api.get("/api/v1/users/c_alice", null).json();
        int aliceRating = expected.get("c_alice").newDisplayedRating();
        assertEquals(aliceRating, profile.getInteger("rating"));
        assertEquals(aliceRating, profile.getInteger("max_rating"));
        assertEquals(1, profile.getJsonArray("history").size());
        JsonObject history = profile.getJsonArray("history").getJsonObject(0);
        assertEquals("round1", history.getString("contest"));
        assertEquals(1, history.getInteger("rank"));
        assertEquals(0, history.getInteger("old_rating"));
        assertEquals(aliceRating, history.getInteger("new_rating"));
        assertNull(api.get("/api/v1/users/c_idle", null).json().getValue("rating"), "never rated");

        JsonArray all = api.get("/api/v1/leaderboard?kind=all", null).json().getJsonArray("rows");
        assertEquals(3, all.size(), all.encode());
        assertEquals("c_alice", all.getJsonObject(0).getString("handle"));
        assertEquals(1, all.getJsonObject(0).getInteger("rank"));
        assertTrue(all.getJsonObject(0).getDouble("percentile") > all.getJsonObject(2).getDouble("percentile"));
        assertEquals(0.0, all.getJsonObject(2).getDouble("percentile"), 1e-9);
        JsonArray ai = api.get("/api/v1/leaderboard?kind=ai", null).json().getJsonArray("rows");
        assertEquals(1, ai.size());
        assertEquals("c_model", ai.getJsonObject(0).getString("handle"));
        assertError(api.get("/api/v1/leaderboard?kind=robots", null), 400, "invalid_kind");

        assertError(submit(alice, "round1", "cf-a", "AC"), 409, "contest_not_running");
        assertError(api.post("/api/v1/contests/round1/register", stranger, "application/json", new byte[0]), 409, "contest_over");
    }

    @Test
    void finalizingRightAfterTheLastSubmissionWaitsForItsVerdict() throws Exception {
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES);
        assertEquals(201, api.postJson("/api/v1/contests", ADMIN, contest("round2", start, true)).status());
        String late = user("late_lucy", "human");
        String early = user("early_eve", "human");
        for (String token : List.of(late, early)) {
            assertEquals(201, api.post("/api/v1/contests/round2/register", token, "application/json", new byte[0]).status());
        }
        assertEquals(202, submit(early, "round2", "cf-a", "WA").status());
        var source = Sources.SUM.get("java").get("AC"); // the slowest to compile and run
        JsonObject body = new JsonObject().put("problem", "cf-a").put("language", "java").put("contest", "round2")
                .put("files", new JsonArray().add(new JsonObject().put("name", source.file()).put("content", source.content())));
        assertEquals(202, api.postJson("/api/v1/submissions", late, body).status());

        var finalized = api.post("/api/v1/contests/round2/finalize", ADMIN, "application/json", new byte[0]);
        assertEquals(200, finalized.status(), finalized.body());
        JsonArray changes = finalized.json().getJsonArray("rating_changes");
        assertEquals(2, changes.size(), finalized.body());
        assertEquals("late_lucy", changes.getJsonObject(0).getString("handle"), "the last AC counted: " + finalized.body());
        assertEquals(1, changes.getJsonObject(0).getInteger("rank"));
        JsonObject row = api.get("/api/v1/contests/round2/scoreboard", null).json().getJsonArray("rows").getJsonObject(0);
        assertEquals("late_lucy", row.getString("handle"));
        assertEquals(1, row.getInteger("solved"));
    }

    @Test
    void contestsAreValidatedAndOnlyAdministratorsCreateOrFinalize() throws Exception {
        String user = user("v_user", "human");
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS);
        assertError(api.postJson("/api/v1/contests", user, contest("v1", start, false)), 403, "forbidden");
        assertError(api.postJson("/api/v1/contests", ADMIN, contest("v1", start, false).put("problems", new JsonArray().add("nope"))),
                400, "unknown_problem");
        assertError(api.postJson("/api/v1/contests", ADMIN, contest("v1", start, false).put("start", "tomorrow")),
                400, "invalid_field");
        // beyond PostgreSQL's timestamps (it used to answer 500) and before the epoch
        for (String far : new String[] {"+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z"}) {
            assertError(api.postJson("/api/v1/contests", ADMIN, contest("v1", start, false).put("start", far)),
                    400, "invalid_field");
            assertError(api.postJson("/api/v1/contests", ADMIN, contest("v1", start, false)
                    .put("registration_closes", far)), 400, "invalid_field");
        }
        assertError(api.postJson("/api/v1/contests", ADMIN, contest("v1", start, false).put("duration_minutes", 0)),
                400, "invalid_field");
        assertError(api.postJson("/api/v1/contests", ADMIN, contest("v1", start, false).put("scoring", "golf")),
                400, "invalid_scoring");
        assertError(api.postJson("/api/v1/contests", ADMIN, contest("v1", start, false).put("freeze_minutes", 500)),
                400, "invalid_field");
        assertEquals(201, api.postJson("/api/v1/contests", ADMIN, contest("v1", start, false)).status());
        assertError(api.postJson("/api/v1/contests", ADMIN, contest("v1", start, false)), 409, "contest_exists");

        assertEquals(201, api.post("/api/v1/contests/v1/register", user, "application/json", new byte[0]).status());
        // before its start a contest's problems do not exist for contestants
        assertError(submit(user, "v1", "cf-a", "AC"), 404, "problem_not_found");
        assertError(api.post("/api/v1/contests/v1/finalize", user, "application/json", new byte[0]), 403, "forbidden");
        assertError(api.get("/api/v1/contests/nope/scoreboard", null), 404, "contest_not_found");
        JsonArray list = api.get("/api/v1/contests", null).array();
        assertTrue(list.stream().anyMatch(c -> ((JsonObject) c).getString("id").equals("v1")));
        assertEquals("upcoming", api.get("/api/v1/contests/v1", null).json().getString("status"));

        var finalized = api.post("/api/v1/contests/v1/finalize", ADMIN, "application/json", new byte[0]);
        assertEquals(200, finalized.status(), finalized.body());
        assertEquals("finalized", api.get("/api/v1/contests/v1", null).json().getString("status"));
    }
}
