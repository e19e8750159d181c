package org.cpjudge.api;

import static org.cpjudge.api.ApiClient.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.cpjudge.api.config.ServerConfig;
import org.cpjudge.rating.CodeforcesRating;
import org.cpjudge.rating.Contestant;
import org.cpjudge.rating.NewcomerRule;
import org.cpjudge.rating.PerformanceRating;
import org.cpjudge.rating.Standing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Virtual participation over HTTP, with real judging: an administrator imports a finished contest's real final
 * standings (Codeforces Round 641, the shared fixture); users take the contest later under the three policies
 * (clock, minute 0, declared minutes); the result is placed among the real rows, and its place, performance rating
 * and would-be rating change are checked against the rating module run by this test on the fixture directly.
 * Also what is refused, that the real board and the Contest API ignore virtual tries, and that a run's
 * submissions are its author's alone while it is active.
 */
class VirtualParticipationTest {

    private static final String ADMIN = "virtual-admin-token";
    private static final int DURATION = 120;

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static ApiClient api;
    private static TestDatabases.Credentials db;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 2, ADMIN, false));
        api = new ApiClient(server.port());
        api.importSum(ADMIN, "vp-a", "vp-b", "vp-c", "vp-d");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---- helpers

    private static String user(String handle) throws Exception {
        return api.createUser(ADMIN, handle, "ai");
    }

    /** A Codeforces-scored contest of two problems worth 500 and 1000, started {@code minutesAgo} ago. */
    private static void contest(String id, String a, String b, long minutesAgo) throws Exception {
        var r = api.postJson("/api/v1/contests", ADMIN, body("id", id, "name", id,
                "start", Instant.now().minus(minutesAgo, ChronoUnit.MINUTES).toString(), "duration_minutes", DURATION,
                "scoring", "codeforces", "points", body(a, 500, b, 1000), "problems", new JsonArray().add(a).add(b),
                "freeze_minutes", 0, "rated", false));
        assertEquals(201, r.status(), r.body());
    }

    private static ApiClient.Response submit(String token, String contest, String problem, String verdict,
                                             Integer minute) throws Exception {
        var source = Sources.SUM.get("python3").get(verdict);
        JsonObject b = body("problem", problem, "language", "python3", "contest", contest,
                "files", new JsonArray().add(body("name", source.file(), "content", source.content())));
        if (minute != null) {
            b.put("minute", minute);
        }
        return api.postJson("/api/v1/submissions", token, b);
    }

    private static String submitted(String token, String contest, String problem, String verdict, Integer minute)
            throws Exception {
        var r = submit(token, contest, problem, verdict, minute);
        assertEquals(202, r.status(), r.body());
        return r.json().getString("id");
    }

    private static JsonObject startRun(String contest, String token, String policy) throws Exception {
        var r = api.postJson("/api/v1/contests/" + contest + "/virtual", token, body("policy", policy));
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    private static void assertError(ApiClient.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().getJsonObject("error").getString("code"), r.body());
    }

    private static Connection sql() throws Exception {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    /** The judge job's class of a submission still queued or being judged, or null once it was judged. */
    private static Integer jobPriority(String submission) throws Exception {
        try (Connection c = sql();
             PreparedStatement q = c.prepareStatement("SELECT priority FROM judge_jobs WHERE submission_id = ?::uuid")) {
            q.setString(1, submission);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    /** Moves the user's virtual run's start {@code minutes} into the past, as if that much time had passed. */
    private static void ageRun(String contest, String handle, int minutes) throws Exception {
        try (Connection c = sql();
             PreparedStatement q = c.prepareStatement("UPDATE virtual_runs SET started_at = started_at"
                     + " - make_interval(mins => ?) WHERE contest_id = ? AND user_id = (SELECT id FROM users"
                     + " WHERE handle = ?)")) {
            q.setInt(1, minutes);
            q.setString(2, contest);
            q.setString(3, handle);
            assertEquals(1, q.executeUpdate());
        }
    }

    /** The fixture's rows: [handle, points, penalty, oldRating, officialDelta]. */
    private static JsonArray fixture() throws Exception {
        for (Path p : List.of(Path.of("../rating/src/test/resources/codeforces-1349-rating.json"),
                Path.of("rating/src/test/resources/codeforces-1349-rating.json"),
                Path.of("/work/shared/fixtures/codeforces-1349-rating.json"))) {
            if (Files.exists(p)) {
                return new JsonArray(Files.readString(p));
            }
        }
        throw new AssertionError("the Codeforces 1349 fixture is not found");
    }

    private static JsonArray standingsOf(JsonArray fixture) {
        JsonArray rows = new JsonArray();
        for (Object o : fixture) {
            JsonArray f = (JsonArray) o;
            rows.add(body("handle", f.getString(0), "rating", f.getInteger(3), "points", f.getInteger(1),
                    "penalty", f.getInteger(2)));
        }
        return rows;
    }

    private static JsonObject result(String contest, String handle, String token) throws Exception {
        var r = api.get("/api/v1/contests/" + contest + "/virtual/" + handle, token);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static JsonObject cell(JsonObject result, String problem) {
        for (Object o : result.getJsonArray("problems")) {
            if (((JsonObject) o).getString("problem").equals(problem)) {
                return (JsonObject) o;
            }
        }
        throw new AssertionError("no cell for " + problem + " in " + result.encode());
    }

    // ---- tests

    @Test
    void aPacedRunCountsEachProblemsAttemptsAtItsPlaceInTheContestTimesThePace() throws Exception {
        String paced = user("vp_paced");
        String other = user("vp_unpaced");
        contest("cfpaced", "vp-c", "vp-d", 3 * DURATION);
        assertError(api.postJson("/api/v1/contests/cfpaced/virtual", paced, body("policy", "paced")), 400, "missing_field");
        assertError(api.postJson("/api/v1/contests/cfpaced/virtual", paced, body("policy", "paced", "pace_minutes", 0)),
                400, "invalid_field");
        assertError(api.postJson("/api/v1/contests/cfpaced/virtual", other, body("policy", "minute0", "pace_minutes", 5)),
                400, "invalid_field");
        var started = api.postJson("/api/v1/contests/cfpaced/virtual", paced, body("policy", "paced", "pace_minutes", 15));
        assertEquals(201, started.status(), started.body());
        assertEquals(15, started.json().getInteger("pace_minutes"));
        assertError(submit(paced, "cfpaced", "vp-c", "AC", 3), 400, "minute_not_declared");
        // the second problem first: the pace follows the contest's order, not the order of submitting
        String b = submitted(paced, "cfpaced", "vp-d", "AC", null);
        String a = submitted(paced, "cfpaced", "vp-c", "AC", null);
        ApiFlowTest.awaitVerdict(api, a, ADMIN);
        ApiFlowTest.awaitVerdict(api, b, ADMIN);
        assertEquals(200, api.post("/api/v1/contests/cfpaced/virtual/end", paced, "application/json", new byte[0]).status());
        JsonObject result = result("cfpaced", "vp_paced", null);
        assertEquals("paced", result.getString("policy"));
        assertEquals(15L, cell(result, "vp-c").getLong("time_minutes"), result.encode());
        assertEquals(30L, cell(result, "vp-d").getLong("time_minutes"), result.encode());
    }

    @Test
    void aDeclaredRunIsPlacedAmongTheRealStandingsAsTheRatingModuleComputesIt() throws Exception {
        String real = user("vp_real");
        String model = user("vp_model");
        String rival = user("vp_rival");
        contest("cf641", "vp-a", "vp-b", 5);
        assertEquals(201, api.post("/api/v1/contests/cf641/register", real, "application/json", new byte[0]).status());
        String realTry = submitted(real, "cf641", "vp-a", "AC", null);
        ApiFlowTest.awaitVerdict(api, realTry, ADMIN);

        // while the contest runs: no virtual run, no standings to import yet
        assertError(api.postJson("/api/v1/contests/cf641/virtual", model, body("policy", "declared")), 409,
                "contest_not_over");
        JsonArray fixture = fixture();
        assertEquals(1248, fixture.size());
        JsonObject all = body("standings", standingsOf(fixture));
        assertError(api.postJson("/api/v1/contests/cf641/standings", ADMIN, all), 409, "contest_not_over");
        assertError(submit(real, "cf641", "vp-b", "AC", 3), 400, "minute_not_declared");

        var finalized = api.post("/api/v1/contests/cf641/finalize", ADMIN, "application/json", new byte[0]);
        assertEquals(200, finalized.status(), finalized.body());
        JsonArray boardBefore = api.get("/api/v1/contests/cf641/scoreboard", null).json().getJsonArray("rows");
        assertEquals(1, boardBefore.size(), boardBefore.encode());

        // importing: administrators only, every row checked (the error names the row), again replaces
        assertError(api.postJson("/api/v1/contests/cf641/standings", real, all), 403, "forbidden");
        JsonArray bad = standingsOf(fixture).copy();
        bad.getJsonObject(2).remove("rating");
        var refused = api.postJson("/api/v1/contests/cf641/standings", ADMIN, body("standings", bad));
        assertError(refused, 400, "invalid_standings_row");
        assertTrue(refused.body().contains("standings[2]"), refused.body());
        JsonArray mixed = standingsOf(fixture).copy();
        mixed.set(7, body("handle", "ranked", "rating", 1500, "rank", 8));
        refused = api.postJson("/api/v1/contests/cf641/standings", ADMIN, body("standings", mixed));
        assertError(refused, 400, "invalid_standings_row");
        assertTrue(refused.body().contains("standings[7]"), refused.body());
        JsonArray twice = standingsOf(fixture).copy();
        twice.getJsonObject(5).put("handle", twice.getJsonObject(4).getString("handle"));
        refused = api.postJson("/api/v1/contests/cf641/standings", ADMIN, body("standings", twice));
        assertTrue(refused.body().contains("standings[5]"), refused.body());
        JsonArray negative = new JsonArray().add(body("handle", "x", "rating", 1500, "points", 1, "penalty", -1));
        refused = api.postJson("/api/v1/contests/cf641/standings", ADMIN, body("standings", negative));
        assertTrue(refused.body().contains("standings[0]"), refused.body());

        JsonArray three = new JsonArray(standingsOf(fixture).getList().subList(0, 3));
        var first = api.postJson("/api/v1/contests/cf641/standings", ADMIN, body("standings", three));
        assertEquals(201, first.status(), first.body());
        assertEquals(3, first.json().getInteger("rows"));
        var imported = api.postJson("/api/v1/contests/cf641/standings", ADMIN, all);
        assertEquals(201, imported.status(), imported.body());
        assertEquals(1248, imported.json().getInteger("rows"));

        // the run: declared minutes, one per user and contest
        JsonObject run = startRun("cf641", model, "declared");
        assertEquals("declared", run.getString("policy"));
        assertNotNull(Instant.parse(run.getString("start")));
        assertEquals(Duration.ofMinutes(DURATION),
                Duration.between(Instant.parse(run.getString("start")), Instant.parse(run.getString("end"))));
        assertTrue(run.containsKey("closes_at"), run.encode());
        assertNull(run.getValue("closes_at"), "a declared run is open until it is ended: " + run.encode());
        assertError(api.postJson("/api/v1/contests/cf641/virtual", model, body("policy", "clock")), 409,
                "virtual_run_exists");
        assertError(api.postJson("/api/v1/contests/cf641/virtual", rival, body("policy", "sometimes")), 400,
                "invalid_field");
        assertError(submit(model, "cf641", "vp-a", "AC", null), 400, "missing_field");
        assertError(submit(model, "cf641", "vp-a", "AC", DURATION), 400, "invalid_field");
        assertError(submit(model, "cf641", "vp-a", "AC", -1), 400, "invalid_field");
        assertError(submit(rival, "cf641", "vp-a", "AC", null), 409, "contest_not_running");

        // submitted out of order: the wrong try at minute 3 still comes before the accepted one at minute 10
        List<String> tries = new ArrayList<>();
        tries.add(submitted(model, "cf641", "vp-a", "AC", 10));
        tries.add(submitted(model, "cf641", "vp-a", "WA", 3));
        tries.add(submitted(model, "cf641", "vp-b", "AC", 30));
        List<Integer> classes = new ArrayList<>();
        for (String id : tries) {
            Integer level = jobPriority(id);
            if (level != null) {
                classes.add(level);
            }
        }
        assertFalse(classes.isEmpty(), "some job was seen before it was judged");
        classes.forEach(level -> assertEquals(2, level, "virtual tries are judged in the BATCH class"));

        // while the run is active its tries and its result are the author's and the administrators' alone
        for (String id : tries) {
            assertError(api.get("/api/v1/submissions/" + id, rival), 404, "submission_not_found");
            assertError(api.get("/api/v1/submissions/" + id, null), 404, "submission_not_found");
            assertEquals(200, api.get("/api/v1/submissions/" + id, model).status());
        }
        assertError(api.get("/api/v1/contests/cf641/virtual/vp_model", rival), 404, "virtual_run_not_found");
        assertEquals("WA", ApiFlowTest.awaitVerdict(api, tries.get(1), ADMIN).getString("verdict"));
        assertEquals("AC", ApiFlowTest.awaitVerdict(api, tries.get(0), ADMIN).getString("verdict"));
        assertEquals("AC", ApiFlowTest.awaitVerdict(api, tries.get(2), ADMIN).getString("verdict"));

        JsonObject mine = result("cf641", "vp_model", model);
        assertEquals(200, api.get("/api/v1/contests/cf641/virtual/vp_model", ADMIN).status());
        // Codeforces round scoring, 120 minutes: 500 - floor(120*500*10/(250*120)) - 50 and 1000 - floor(120*1000*30/30000)
        double points = (500 - 20 - 50) + (1000 - 120);
        assertEquals("vp_model", mine.getString("handle"));
        assertEquals("declared", mine.getString("policy"));
        assertEquals(points, mine.getDouble("points"), 1e-9, mine.encode());
        assertEquals(0, mine.getLong("penalty"));
        assertEquals(10, cell(mine, "vp-a").getInteger("time_minutes"));
        assertEquals(2, cell(mine, "vp-a").getInteger("attempts"));
        assertEquals(30, cell(mine, "vp-b").getInteger("time_minutes"));
        assertEquals(1248, mine.getInteger("standings_size"));

        // the same answers, computed here from the fixture with the rating module alone
        int better = 0;
        int tied = 0;
        int[] realRatings = new int[fixture.size()];
        List<Standing> field = new ArrayList<>();
        for (int i = 0; i < fixture.size(); i++) {
            JsonArray f = fixture.getJsonArray(i);
            double p = f.getInteger(1);
            long penalty = f.getInteger(2);
            if (p > points || (p == points && penalty < 0)) {
                better++;
            } else if (p == points && penalty == 0) {
                tied++;
            }
            realRatings[i] = f.getInteger(3);
            field.add(Standing.byScore(Contestant.of(f.getString(0), f.getInteger(3)), p, penalty));
        }
        int place = 1 + better + tied;
        assertTrue(place > 1 && place < 1248, "the run lands inside the field: " + place);
        field.add(Standing.byScore(new Contestant("the run", NewcomerRule.CODEFORCES_2020.initialRating(), 0), points, 0));
        int delta = new CodeforcesRating(NewcomerRule.CODEFORCES_2020).rate(field).get(field.size() - 1).delta();
        assertEquals(place, mine.getInteger("rank"), mine.encode());
        assertEquals(PerformanceRating.of(place, realRatings), mine.getInteger("performance_rating"), mine.encode());
        assertEquals(delta, mine.getInteger("delta_if_rated"), mine.encode());

        // ending it: no more tries; now everyone sees what it did
        var ended = api.post("/api/v1/contests/cf641/virtual/end", model, "application/json", new byte[0]);
        assertEquals(200, ended.status(), ended.body());
        assertFalse(ended.json().getBoolean("active"));
        assertNotNull(ended.json().getString("closes_at"));
        assertEquals(ended.json().getString("closes_at"), ended.json().getString("end"), "ended early");
        assertError(submit(model, "cf641", "vp-a", "AC", 50), 409, "virtual_run_over");
        assertEquals(200, api.get("/api/v1/submissions/" + tries.get(0), rival).status());
        assertEquals(mine.getInteger("rank"), result("cf641", "vp_model", rival).getInteger("rank"));

        // virtual runs are never rated, and the real board and the Contest API do not know of them
        assertNull(api.get("/api/v1/users/vp_model", null).json().getValue("rating"));
        assertEquals(boardBefore, api.get("/api/v1/contests/cf641/scoreboard", null).json().getJsonArray("rows"));
        var clics = api.get("/clics/contests/cf641/submissions", ADMIN);
        assertEquals(200, clics.status(), clics.body());
        JsonArray listed = new JsonArray(clics.body());
        assertEquals(1, listed.size(), listed.encode());
        assertEquals(realTry, listed.getJsonObject(0).getString("id"));
        String judgements = api.get("/clics/contests/cf641/judgements", ADMIN).body();
        String feed = api.get("/clics/contests/cf641/event-feed?stream=false", ADMIN).body();
        assertTrue(judgements.contains(realTry) && feed.contains(realTry), judgements);
        for (String id : tries) {
            assertFalse(clics.body().contains(id), "virtual try " + id + " is not a contest submission in CLICS");
            assertFalse(judgements.contains(id), "nor judged in the contest");
            assertFalse(feed.contains(id), "nor in the event feed");
        }
    }

    @Test
    void clockAndMinuteZeroRunsCountTheirTriesAtTheMinutesTheirPoliciesGive() throws Exception {
        String clock = user("vp_clock");
        String zero = user("vp_zero");
        contest("cfpast", "vp-c", "vp-d", 3 * DURATION);
        // per-problem results are scored by the contest's rule: A at minute 0 after one rejected try is 500 - 50
        JsonObject perProblem = body("handle", "percell", "rating", 2000, "problems", new JsonArray()
                .add(body("problem", "A", "solved", true, "minute", 0, "rejected", 1))
                .add(body("problem", "vp-d", "solved", false, "rejected", 3)));
        JsonArray reference = new JsonArray().add(body("handle", "tourist", "rating", 3500, "points", 1500, "penalty", 0))
                .add(body("handle", "newbie", "rating", 1000, "points", 0, "penalty", 0)).add(perProblem);
        JsonArray unknown = reference.copy();
        unknown.add(body("handle", "lost", "rating", 1500, "problems", new JsonArray().add(body("problem", "Z", "solved", true, "minute", 3))));
        var refused = api.postJson("/api/v1/contests/cfpast/standings", ADMIN, body("standings", unknown));
        assertError(refused, 400, "invalid_standings_row");
        assertTrue(refused.body().contains("standings[3]"), refused.body());
        JsonArray noMinute = reference.copy();
        noMinute.set(0, body("handle", "t", "rating", 1500, "problems", new JsonArray().add(body("problem", "A", "solved", true))));
        assertTrue(api.postJson("/api/v1/contests/cfpast/standings", ADMIN, body("standings", noMinute)).body()
                .contains("standings[0]"));
        assertEquals(201, api.postJson("/api/v1/contests/cfpast/standings", ADMIN, body("standings", reference)).status());
        JsonObject shown = api.get("/api/v1/contests/cfpast/standings", null).json();
        assertEquals(3, shown.getInteger("total_rows"));
        assertEquals(450.0, shown.getJsonArray("rows").getJsonObject(2).getDouble("points"), 1e-9, shown.encode());
        assertEquals(0, shown.getJsonArray("rows").getJsonObject(2).getLong("penalty"));

        // minute 0: every try counts at the start, whenever it is made
        startRun("cfpast", zero, "minute0");
        assertError(submit(zero, "cfpast", "vp-c", "AC", 5), 400, "minute_not_declared");
        ApiFlowTest.awaitVerdict(api, submitted(zero, "cfpast", "vp-c", "WA", null), ADMIN);
        ApiFlowTest.awaitVerdict(api, submitted(zero, "cfpast", "vp-c", "AC", null), ADMIN);
        JsonObject z = result("cfpast", "vp_zero", zero);
        assertEquals("minute0", z.getString("policy"));
        assertEquals(0, cell(z, "vp-c").getInteger("time_minutes"));
        assertEquals(450.0, z.getDouble("points"), 1e-9, "500 less 50 for the wrong try before: " + z.encode());
        // below tourist's 1500, tied with percell's 450 (a tie takes the worst place of its group), above the newbie
        assertEquals(3, z.getInteger("rank"));
        assertEquals(3, z.getInteger("standings_size"));
        assertEquals(PerformanceRating.of(3, new int[] {3500, 1000, 2000}), z.getInteger("performance_rating"));

        // the clock: minutes since the run started, and it closes when the contest's duration has passed
        JsonObject run = startRun("cfpast", clock, "clock");
        assertEquals(Duration.ofMinutes(DURATION),
                Duration.between(Instant.parse(run.getString("start")), Instant.parse(run.getString("end"))));
        assertEquals(run.getString("end"), run.getString("closes_at"), "a clock run closes at its end");
        assertError(submit(clock, "cfpast", "vp-c", "AC", 1), 400, "minute_not_declared");
        ApiFlowTest.awaitVerdict(api, submitted(clock, "cfpast", "vp-c", "AC", null), ADMIN);
        ageRun("cfpast", "vp_clock", 37);
        ApiFlowTest.awaitVerdict(api, submitted(clock, "cfpast", "vp-d", "AC", null), ADMIN);
        JsonObject c = result("cfpast", "vp_clock", clock);
        assertEquals("clock", c.getString("policy"));
        assertEquals(0, cell(c, "vp-c").getInteger("time_minutes"));
        assertEquals(37, cell(c, "vp-d").getInteger("time_minutes"));
        assertEquals(500 + (1000 - Math.floorDiv(120L * 1000 * 37, 250L * DURATION)), c.getDouble("points"), 1e-9);
        assertTrue(c.getBoolean("active"));
        ageRun("cfpast", "vp_clock", DURATION);
        assertError(submit(clock, "cfpast", "vp-c", "AC", null), 409, "virtual_run_over");
        assertFalse(result("cfpast", "vp_clock", null).getBoolean("active"), "over by the clock: public now");
    }
}
