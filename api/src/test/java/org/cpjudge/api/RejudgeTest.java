package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.cpjudge.api.config.ServerConfig;
import org.cpjudge.api.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rejudging over HTTP with real judging: the old verdicts stay in the history, a changed verdict changes the
 * contest's ranks, a finalized rated contest is refused unless forced, and only administrators may rejudge.
 * Verdicts change honestly: the problem's package is replaced by one whose answers are the sum plus one, so the
 * solution printing a+b turns WA and the one printing a+b+1 turns AC.
 */
class RejudgeTest {

    private static final String ADMIN = "rejudge-admin-token";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path scratch;
    private static JudgeServer server;
    private static ApiClient api;
    private static Database db;

    @BeforeAll
    static void start() throws Exception {
        var credentials = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, credentials.url(), credentials.user(),
                credentials.password(), 2, ADMIN, false));
        db = Database.open(credentials.url(), credentials.user(), credentials.password(), 2);
        api = new ApiClient(server.port());
        for (String id : List.of("rj-a", "rj-b", "rj-f", "rj-broken")) {
            upload(id, Zips.of(Zips.resource("packages/sum")));
        }
        upload("rj-plus-one", Zips.of(plusOnePackage()));
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void upload(String id, byte[] zip) throws Exception {
        var r = api.post("/api/v1/problems?id=" + id, ADMIN, "application/zip", zip);
        assertEquals(201, r.status(), r.body());
    }

    /** The "sum" package with every answer one more than the sum. */
    private static Path plusOnePackage() throws Exception {
        Path source = Zips.resource("packages/sum");
        Path copy = scratch.resolve("sum");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (p.toString().endsWith(".ans")) {
                    long sum = Long.parseLong(Files.readString(p).strip());
                    Files.writeString(target, (sum + 1) + "\n");
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return copy;
    }

    /** Gives problem {@code id} the package of problem {@code from}, as re-uploading a fixed package would. */
    private static void replacePackage(String id, String from) throws Exception {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("UPDATE problems SET package_zip = f.package_zip,"
                     + " package_sha256 = f.package_sha256 FROM problems f WHERE problems.id = ? AND f.id = ?")) {
            q.setString(1, id);
            q.setString(2, from);
            assertEquals(1, q.executeUpdate());
        }
    }

    private static String user(String handle) throws Exception {
        var r = api.postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", handle).put("kind", "human"));
        assertEquals(201, r.status(), r.body());
        return r.json().getString("token");
    }

    private static void contest(String id, String problem, boolean rated, String... tokens) throws Exception {
        JsonObject body = new JsonObject().put("id", id).put("name", "Round " + id)
                .put("start", Instant.now().minus(1, ChronoUnit.MINUTES).toString()).put("duration_minutes", 120)
                .put("scoring", "icpc").put("problems", new JsonArray().add(problem)).put("rated", rated);
        var r = api.postJson("/api/v1/contests", ADMIN, body);
        assertEquals(201, r.status(), r.body());
        for (String token : tokens) {
            assertEquals(201, api.post("/api/v1/contests/" + id + "/register", token, "application/json", new byte[0]).status());
        }
    }

    private static String submit(String token, String contest, String problem, String kind) throws Exception {
        var source = Sources.SUM.get("python3").get(kind);
        JsonObject body = new JsonObject().put("problem", problem).put("language", "python3").put("contest", contest)
                .put("files", new JsonArray().add(new JsonObject().put("name", source.file()).put("content", source.content())));
        var r = api.postJson("/api/v1/submissions", token, body);
        assertEquals(202, r.status(), r.body());
        return r.json().getString("id");
    }

    private static ApiClient.Response rejudge(String path, String token, JsonObject body) throws Exception {
        return api.postJson(path, token, body);
    }

    private static JsonObject accepted(ApiClient.Response r) {
        assertEquals(202, r.status(), r.body());
        return r.json();
    }

    private static void assertError(ApiClient.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().getJsonObject("error").getString("code"), r.body());
    }

    private static List<String> history(JsonObject submission) {
        return submission.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("verdict")).toList();
    }

    private static JsonArray rows(String contest) throws Exception {
        return api.get("/api/v1/contests/" + contest + "/scoreboard", null).json().getJsonArray("rows");
    }

    private static JsonObject row(JsonArray rows, String handle) {
        return rows.stream().map(o -> (JsonObject) o).filter(r -> r.getString("handle").equals(handle)).findFirst()
                .orElseThrow(() -> new AssertionError(handle + " is not on the board: " + rows.encode()));
    }

    @Test
    void aRejudgeThatChangesVerdictsChangesTheRanksAndKeepsTheOldVerdicts() throws Exception {
        String alice = user("rj_alice");
        String bob = user("rj_bob");
        contest("rj1", "rj-a", false, alice, bob);
        String aliceSum = submit(alice, "rj1", "rj-a", "AC"); // prints a+b
        String bobSumPlusOne = submit(bob, "rj1", "rj-a", "WA"); // prints a+b+1
        assertEquals("AC", ApiFlowTest.awaitVerdict(api, aliceSum, ADMIN).getString("verdict"));
        JsonObject bobFirst = ApiFlowTest.awaitVerdict(api, bobSumPlusOne, ADMIN);
        assertEquals("WA", bobFirst.getString("verdict"));
        assertEquals(List.of("WA"), history(bobFirst), "a first judging is the history's first entry");
        JsonArray before = rows("rj1");
        assertEquals(1, row(before, "rj_alice").getInteger("rank"));
        assertEquals(2, row(before, "rj_bob").getInteger("rank"));

        replacePackage("rj-a", "rj-plus-one");
        JsonObject done = accepted(rejudge("/api/v1/contests/rj1/rejudge", ADMIN, new JsonObject().put("problem", "rj-a")));
        assertEquals(2, done.getInteger("submissions"), done.encode());

        JsonObject alicesNow = ApiFlowTest.awaitVerdict(api, aliceSum, ADMIN);
        JsonObject bobsNow = ApiFlowTest.awaitVerdict(api, bobSumPlusOne, ADMIN);
        assertEquals("WA", alicesNow.getString("verdict"));
        assertEquals("AC", bobsNow.getString("verdict"));
        assertEquals(List.of("AC", "WA"), history(alicesNow), "oldest first, the old verdict kept");
        assertEquals(List.of("WA", "AC"), history(bobsNow));
        JsonObject lastEntry = bobsNow.getJsonArray("history").getJsonObject(1);
        assertTrue(Instant.parse(lastEntry.getString("judged_at"))
                .isAfter(Instant.parse(bobsNow.getJsonArray("history").getJsonObject(0).getString("judged_at"))));

        JsonArray after = rows("rj1");
        assertEquals(1, row(after, "rj_bob").getInteger("rank"), after.encode());
        assertEquals(1, row(after, "rj_bob").getInteger("solved"));
        assertEquals(2, row(after, "rj_alice").getInteger("rank"), after.encode());
        assertEquals(0, row(after, "rj_alice").getInteger("solved"));
    }

    @Test
    void aRejudgedSubmissionIsPendingUntilJudgedAgainAndIsNotQueuedTwice() throws Exception {
        String carol = user("rj_carol");
        contest("rj2", "rj-b", false, carol);
        String slow = submit(carol, "rj2", "rj-b", "TLE"); // judging it takes at least the time limit
        assertEquals("TLE", ApiFlowTest.awaitVerdict(api, slow, ADMIN).getString("verdict"));

        assertEquals(1, accepted(rejudge("/api/v1/submissions/" + slow + "/rejudge", ADMIN, new JsonObject()))
                .getInteger("submissions"));
        JsonObject pending = api.get("/api/v1/submissions/" + slow, ADMIN).json();
        assertNotEquals("done", pending.getString("status"), pending.encode());
        assertNull(pending.getValue("verdict"), pending.encode());
        assertEquals(List.of("TLE"), history(pending));
        JsonObject twice = accepted(rejudge("/api/v1/submissions/" + slow + "/rejudge", ADMIN, new JsonObject()));
        assertEquals(0, twice.getInteger("submissions"), "queued or being judged already: " + twice.encode());
        assertEquals(1, twice.getInteger("already_queued"));

        JsonObject again = ApiFlowTest.awaitVerdict(api, slow, ADMIN);
        assertEquals("TLE", again.getString("verdict"));
        assertEquals(List.of("TLE", "TLE"), history(again), "judged once more, not twice more");
    }

    @Test
    void aFinalizedRatedContestIsRejudgedOnlyWhenForced() throws Exception {
        String dave = user("rj_dave");
        String erin = user("rj_erin");
        contest("rj3", "rj-f", true, dave, erin);
        String daves = submit(dave, "rj3", "rj-f", "AC");
        String erins = submit(erin, "rj3", "rj-f", "WA");
        ApiFlowTest.awaitVerdict(api, daves, ADMIN);
        ApiFlowTest.awaitVerdict(api, erins, ADMIN);
        var finalized = api.post("/api/v1/contests/rj3/finalize", ADMIN, "application/json", new byte[0]);
        assertEquals(200, finalized.status(), finalized.body());
        Integer daveRating = api.get("/api/v1/users/rj_dave", null).json().getInteger("rating");

        var refused = rejudge("/api/v1/contests/rj3/rejudge", ADMIN, new JsonObject());
        assertError(refused, 409, "contest_finalized");
        String message = refused.json().getJsonObject("error").getString("message");
        assertTrue(message.contains("2 submission"), message);
        assertTrue(message.contains("rating changes already applied are not recomputed"), message);
        assertError(rejudge("/api/v1/submissions/" + daves + "/rejudge", ADMIN, new JsonObject()), 409, "contest_finalized");
        assertError(rejudge("/api/v1/contests/rj3/rejudge", ADMIN, new JsonObject().put("force", false)),
                409, "contest_finalized");
        assertEquals(List.of("AC"), history(api.get("/api/v1/submissions/" + daves, ADMIN).json()), "nothing changed");

        JsonObject forced = accepted(rejudge("/api/v1/submissions/" + daves + "/rejudge", ADMIN,
                new JsonObject().put("force", true)));
        assertEquals(1, forced.getInteger("submissions"));
        JsonObject judged = ApiFlowTest.awaitVerdict(api, daves, ADMIN);
        assertEquals(List.of("AC", "AC"), history(judged));
        assertEquals(daveRating, api.get("/api/v1/users/rj_dave", null).json().getInteger("rating"),
                "the rating changes applied are not recomputed");
        assertEquals("finalized", api.get("/api/v1/contests/rj3", null).json().getString("status"));
    }

    @Test
    void aJudgingThatKeepsFailingIsRetriedThenGivenJeAndARejudgeAfterTheFixJudgesIt() throws Exception {
        String heidi = user("rj_heidi");
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("UPDATE problems SET package_sha256 = 'not-a-zip',"
                     + " package_zip = '\\x00'::bytea WHERE id = 'rj-broken'")) {
            assertEquals(1, q.executeUpdate());
        }
        String id = submit(heidi, null, "rj-broken", "AC");
        JsonObject failed = ApiFlowTest.awaitVerdict(api, id, ADMIN);
        assertEquals("JE", failed.getString("verdict"), failed.encode());
        assertTrue(failed.getString("compile_output").startsWith("the judge failed"), failed.encode());
        assertEquals(List.of("JE"), history(failed), "the retries before the JE are not judgements");
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM judge_jobs WHERE submission_id = ?")) {
            q.setObject(1, UUID.fromString(id));
            var rs = q.executeQuery();
            rs.next();
            assertEquals(0, rs.getInt(1), "the given-up job left the queue");
        }

        replacePackage("rj-broken", "rj-b");
        assertEquals(1, accepted(rejudge("/api/v1/submissions/" + id + "/rejudge", ADMIN, new JsonObject()))
                .getInteger("submissions"));
        JsonObject fixed = ApiFlowTest.awaitVerdict(api, id, ADMIN);
        assertEquals("AC", fixed.getString("verdict"));
        assertEquals(List.of("JE", "AC"), history(fixed));
    }

    @Test
    void onlyAdministratorsRejudgeAndUnknownTargetsAreNotFound() throws Exception {
        String frank = user("rj_frank");
        String practice = submit(frank, null, "rj-b", "AC");
        ApiFlowTest.awaitVerdict(api, practice, ADMIN);
        String path = "/api/v1/submissions/" + practice + "/rejudge";
        assertError(rejudge(path, null, new JsonObject()), 401, "unauthenticated");
        assertError(rejudge(path, frank, new JsonObject()), 403, "forbidden");
        assertError(rejudge("/api/v1/contests/rj1/rejudge", frank, new JsonObject()), 403, "forbidden");
        assertError(rejudge("/api/v1/contests/rj1/rejudge", null, new JsonObject()), 401, "unauthenticated");
        assertError(rejudge("/api/v1/submissions/" + UUID.randomUUID() + "/rejudge", ADMIN, new JsonObject()),
                404, "submission_not_found");
        assertError(rejudge("/api/v1/submissions/not-an-id/rejudge", ADMIN, new JsonObject()), 404, "submission_not_found");
        assertError(rejudge("/api/v1/contests/no-such-contest/rejudge", ADMIN, new JsonObject()), 404, "contest_not_found");
        String grace = user("rj_grace");
        contest("rj4", "rj-b", false, grace);
        assertError(rejudge("/api/v1/contests/rj4/rejudge", ADMIN, new JsonObject().put("problem", "rj-a")),
                400, "problem_not_in_contest");
        assertError(rejudge(path, ADMIN, new JsonObject().put("force", "yes")), 400, "invalid_field");

        assertEquals(1, accepted(rejudge(path, ADMIN, new JsonObject())).getInteger("submissions"),
                "a practice submission is rejudged without a contest");
        assertEquals(List.of("AC", "AC"), history(ApiFlowTest.awaitVerdict(api, practice, ADMIN)));
    }
}
