package org.cpjudge.api;

import static org.cpjudge.api.ApiClient.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cpjudge.api.config.ServerConfig;
import org.cpjudge.api.store.ContestStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who sees what, and when, over HTTP: a contest's problems do not exist before its start; its submissions are
 * their author's (and the administrators') while it runs and in the freeze; afterwards verdicts are public and
 * sources stay private unless the contest opens them. Also the contest's life around it: PATCH until the start,
 * labels, private contests with an invitation code, the registration window, unfreezing, and AI contestants
 * taking part unofficially.
 */
class ContestAccessTest {

    private static final String ADMIN = "access-admin-token";

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
        api.importSum(ADMIN, "acc-a", "acc-b", "acc-c", "acc-practice", "acc-p1", "acc-p2", "acc-u1", "acc-shared",
                "acc-secret");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String user(String handle, String kind) throws Exception {
        return api.createUser(ADMIN, handle, kind);
    }

    private static ApiClient.Response submit(String token, String contest, String problem, String verdict) throws Exception {
        var source = Sources.SUM.get("python3").get(verdict);
        JsonObject b = body("problem", problem, "language", "python3",
                "files", new JsonArray().add(body("name", source.file(), "content", source.content())));
        if (contest != null) {
            b.put("contest", contest);
        }
        return api.postJson("/api/v1/submissions", token, b);
    }

    private static String submitted(String token, String contest, String problem, String verdict) throws Exception {
        var r = submit(token, contest, problem, verdict);
        assertEquals(202, r.status(), r.body());
        return r.json().getString("id");
    }

    private static void register(String contest, String token) throws Exception {
        var r = api.post("/api/v1/contests/" + contest + "/register", token, "application/json", new byte[0]);
        assertTrue(r.status() == 200 || r.status() == 201, r.body());
    }

    private static void assertError(ApiClient.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().getJsonObject("error").getString("code"), r.body());
    }

    /**
     * Lets {@code minutes} pass for a contest: its start and its submissions move that much into the past, so
     * each try keeps its minute of the contest while "now" moves on.
     */
    private static void shiftStart(String contest, long minutes) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            for (String sql : List.of("UPDATE contests SET starts_at = starts_at - make_interval(mins => ?) WHERE id = ?",
                    "UPDATE submissions SET created_at = created_at - make_interval(mins => ?) WHERE contest_id = ?")) {
                try (PreparedStatement q = c.prepareStatement(sql)) {
                    q.setInt(1, (int) minutes);
                    q.setString(2, contest);
                    q.executeUpdate();
                }
            }
        }
        // changed behind the server's back, as another process would: it sees the change once its memory ran out
        Thread.sleep(ContestStore.CONTEST_MEMORY.toMillis() + 50);
    }

    @Test
    void aContestsProblemsAndSubmissionsAreSeenOnlyByThoseAllowedBeforeDuringInTheFreezeAndAfter() throws Exception {
        String author = user("acc_author", "human");
        String rival = user("acc_rival", "human");
        var created = api.postJson("/api/v1/contests", ADMIN, body("id", "acc1", "name", "Access",
                "start", Instant.now().plus(1, ChronoUnit.DAYS).toString(), "duration_minutes", 120,
                "freeze_minutes", 60, "problems", new JsonArray().add("acc-a").add("acc-b")));
        assertEquals(201, created.status(), created.body());
        register("acc1", author);
        register("acc1", rival);

        // before the start: the problems do not exist for anyone but administrators
        for (String token : new String[] {null, author}) {
            assertError(api.get("/api/v1/problems/acc-a", token), 404, "problem_not_found");
            assertError(api.get("/api/v1/problems/acc-a/statement", token), 404, "problem_not_found");
            JsonObject shown = api.get("/api/v1/contests/acc1", token).json();
            assertEquals(0, shown.getJsonArray("problems").size(), shown.encode());
            assertEquals(2, shown.getInteger("problem_count"));
        }
        JsonObject board = api.get("/api/v1/contests/acc1/scoreboard", null).json();
        assertEquals(0, board.getJsonArray("problems").size(), board.encode());
        assertEquals(0, board.getJsonArray("rows").getJsonObject(0).getJsonArray("problems").size(), board.encode());
        assertEquals(2, api.get("/api/v1/contests/acc1/scoreboard?view=jury", ADMIN).json().getJsonArray("problems").size());
        assertEquals(200, api.get("/api/v1/problems/acc-a", ADMIN).status());
        assertEquals(2, api.get("/api/v1/contests/acc1", ADMIN).json().getJsonArray("problems").size());
        assertError(submit(author, null, "acc-a", "AC"), 404, "problem_not_found");
        assertError(submit(author, "acc1", "acc-a", "AC"), 404, "problem_not_found");
        assertError(api.post("/api/v1/contests/acc1/unfreeze", ADMIN, "application/json", new byte[0]), 409,
                "not_frozen");
        assertError(api.get("/api/v1/problems/acc-a", "not-a-token"), 401, "invalid_token");

        // running: problems readable, practising on them refused; a submission is its author's alone
        shiftStart("acc1", 24 * 60 + 10);
        assertEquals(200, api.get("/api/v1/problems/acc-a", null).status());
        assertEquals(2, api.get("/api/v1/contests/acc1/scoreboard", null).json().getJsonArray("problems").size(),
                "the public board shows the problems once the contest has started");
        assertError(submit(rival, null, "acc-a", "AC"), 409, "not_a_practice_problem");
        // an unfreeze before the freeze would switch the freeze off
        assertError(api.post("/api/v1/contests/acc1/unfreeze", ADMIN, "application/json", new byte[0]), 409,
                "not_frozen");
        String early = submitted(author, "acc1", "acc-a", "AC");
        ApiFlowTest.awaitVerdict(api, early, ADMIN);
        assertSeenBy(early, true, author, ADMIN);
        assertSeenBy(early, false, null, rival);
        JsonObject own = api.get("/api/v1/submissions/" + early, author).json();
        assertEquals("AC", own.getString("verdict"));
        assertEquals(1, own.getJsonArray("files").size(), "the author reads their own source");
        assertNotNull(api.get("/api/v1/submissions/" + early, ADMIN).json().getJsonArray("files"));
        assertEquals(404, api.get("/submissions/" + early, null).status(), "the page hides it too");

        // in the freeze (the last 60 minutes): still the author's alone
        shiftStart("acc1", 60);
        String frozen = submitted(author, "acc1", "acc-b", "AC");
        ApiFlowTest.awaitVerdict(api, frozen, ADMIN);
        assertSeenBy(frozen, false, null, rival);
        assertSeenBy(frozen, true, author, ADMIN);
        assertFalse(cell("acc1", "acc_author", 1, null).getBoolean("solved"), "the public board hides it");
        assertTrue(cell("acc1", "acc_author", 1, ADMIN).getBoolean("solved"), "the jury's board shows it");

        // over but not unfrozen: verdicts of tries before the freeze are public, those in it are not
        shiftStart("acc1", 60);
        JsonObject before = api.get("/api/v1/submissions/" + early, null).json();
        assertEquals("AC", before.getString("verdict"));
        assertNull(before.getJsonArray("files"), "sources stay private");
        assertNull(api.get("/api/v1/submissions/" + early, rival).json().getJsonArray("files"));
        assertEquals(200, api.get("/submissions/" + early, null).status());
        assertSeenBy(frozen, false, null, rival);
        assertEquals(200, api.get("/api/v1/problems/acc-a", null).status(), "a practice problem after the contest");
        assertEquals(202, submit(rival, null, "acc-a", "WA").status(), "practice is open after the contest");

        // unfrozen: everything public
        var unfrozen = api.post("/api/v1/contests/acc1/unfreeze", ADMIN, "application/json", new byte[0]);
        assertEquals(200, unfrozen.status(), unfrozen.body());
        assertError(api.post("/api/v1/contests/acc1/unfreeze", author, "application/json", new byte[0]), 403, "forbidden");
        assertSeenBy(frozen, true, null, rival);
        assertFalse(api.get("/api/v1/contests/acc1", null).json().getBoolean("frozen"));
    }

    /** The cell of {@code handle} on problem number {@code index}, on the public board or (with a token) the jury's. */
    private static JsonObject cell(String contest, String handle, int index, String adminToken) throws Exception {
        String view = adminToken == null ? "" : "?view=jury";
        JsonArray rows = api.get("/api/v1/contests/" + contest + "/scoreboard" + view, adminToken).json().getJsonArray("rows");
        for (Object o : rows) {
            JsonObject row = (JsonObject) o;
            if (row.getString("handle").equals(handle)) {
                return row.getJsonArray("problems").getJsonObject(index);
            }
        }
        throw new AssertionError(handle + " is not on the board: " + rows.encode());
    }

    private static void assertSeenBy(String submission, boolean seen, String... tokens) throws Exception {
        for (String token : tokens) {
            var r = api.get("/api/v1/submissions/" + submission, token);
            if (seen) {
                assertEquals(200, r.status(), r.body());
            } else {
                assertError(r, 404, "submission_not_found");
            }
        }
    }

    @Test
    void sourcesBecomePublicAfterTheContestWhenItSaysSoAndItsProblemsStayClosedWhenItIsNoPractice() throws Exception {
        String author = user("acc_open", "human");
        String rival = user("acc_open_rival", "human");
        String other = user("acc_outsider", "human");
        var created = api.postJson("/api/v1/contests", ADMIN, body("id", "acc-open", "name", "Open sources",
                "start", Instant.now().minusSeconds(60).toString(), "duration_minutes", 120,
                "problems", new JsonArray().add("acc-c"), "sources_public_after", true, "practice_after", false));
        assertEquals(201, created.status(), created.body());
        register("acc-open", author);
        register("acc-open", rival);
        String id = submitted(author, "acc-open", "acc-c", "AC");
        ApiFlowTest.awaitVerdict(api, id, ADMIN);
        assertError(api.get("/api/v1/submissions/" + id, rival), 404, "submission_not_found");
        shiftStart("acc-open", 180);
        JsonObject after = api.get("/api/v1/submissions/" + id, rival).json();
        assertEquals("AC", after.getString("verdict"), after.encode());
        assertEquals(1, after.getJsonArray("files").size(), "the contest opened its sources");
        assertEquals(200, api.get("/api/v1/problems/acc-c", author).status(), "its contestants still read it");
        assertError(api.get("/api/v1/problems/acc-c", other), 404, "problem_not_found");
        assertError(api.get("/api/v1/submissions/" + id, other), 404, "submission_not_found");
        assertError(submit(author, null, "acc-c", "AC"), 409, "not_a_practice_problem");
    }

    @Test
    void problemsInNoContestArePracticeProblems() throws Exception {
        String who = user("acc_practiser", "human");
        String id = submitted(who, null, "acc-practice", "AC");
        ApiFlowTest.awaitVerdict(api, id, ADMIN);
        JsonObject seen = api.get("/api/v1/submissions/" + id, null).json();
        assertEquals("AC", seen.getString("verdict"), "a practice verdict is public");
        assertNull(seen.getJsonArray("files"), "its source is not");
        assertEquals(1, api.get("/api/v1/submissions/" + id, who).json().getJsonArray("files").size());
    }

    @Test
    void aContestIsEditedUntilItStartsWithLabelsPointsAndRules() throws Exception {
        var created = api.postJson("/api/v1/contests", ADMIN, body("id", "acc-edit", "name", "Edit me",
                "start", Instant.now().plus(2, ChronoUnit.HOURS).toString(), "duration_minutes", 120,
                "problems", new JsonArray().add("acc-p1").add("acc-p2")));
        assertEquals(201, created.status(), created.body());
        assertEquals(new JsonArray().add("A").add("B"), created.json().getJsonArray("labels"));
        assertEquals(20, created.json().getInteger("penalty_minutes"));

        var patched = api.patchJson("/api/v1/contests/acc-edit", ADMIN, body("name", "Edited",
                "labels", new JsonArray().add("X").add("Y"), "penalty_minutes", 10, "scoring", "codeforces",
                "points", body("acc-p1", 500, "acc-p2", 1000)));
        assertEquals(200, patched.status(), patched.body());
        JsonObject c = api.get("/api/v1/contests/acc-edit", ADMIN).json();
        assertEquals("Edited", c.getString("name"));
        assertEquals(new JsonArray().add("X").add("Y"), c.getJsonArray("labels"));
        assertEquals(10, c.getInteger("penalty_minutes"));
        assertEquals("codeforces", c.getString("scoring"));
        assertEquals(1000, c.getJsonObject("points").getInteger("acc-p2"));
        assertEquals(120, c.getInteger("duration_minutes"), "fields not sent stay as they were");

        assertError(api.patchJson("/api/v1/contests/acc-edit", ADMIN, body("labels", new JsonArray().add("X"))),
                400, "invalid_field");
        assertError(api.patchJson("/api/v1/contests/acc-edit", ADMIN, body("scoring", "chess")), 400, "invalid_scoring");
        assertError(api.patchJson("/api/v1/contests/acc-edit", ADMIN, body("points", body("acc-p1", 500))),
                400, "missing_field");
        assertError(api.patchJson("/api/v1/contests/acc-edit", user("acc_nobody", "human"), body("name", "x")),
                403, "forbidden");
        assertError(api.patchJson("/api/v1/contests/nope", ADMIN, body("name", "x")), 404, "contest_not_found");

        shiftStart("acc-edit", 180);
        assertError(api.patchJson("/api/v1/contests/acc-edit", ADMIN, body("name", "Too late")), 409, "contest_started");
        assertEquals("Edited", api.get("/api/v1/contests/acc-edit", null).json().getString("name"));
    }

    @Test
    void aPrivateContestTakesThoseWithTheInvitationCodeOrThoseAnAdministratorRegisters() throws Exception {
        String invited = user("acc_invited", "human");
        String guesser = user("acc_guesser", "human");
        String chosen = user("acc_chosen", "human");
        var created = api.postJson("/api/v1/contests", ADMIN, body("id", "acc-private", "name", "Private",
                "start", Instant.now().plus(1, ChronoUnit.HOURS).toString(), "duration_minutes", 60,
                "problems", new JsonArray().add("acc-p1"), "visibility", "private", "invitation_code", "s3cret"));
        assertEquals(201, created.status(), created.body());
        assertNull(api.get("/api/v1/contests/acc-private", invited).json().getString("invitation_code"),
                "only administrators read the code");
        assertEquals("s3cret", api.get("/api/v1/contests/acc-private", ADMIN).json().getString("invitation_code"));

        assertError(api.post("/api/v1/contests/acc-private/register", guesser, "application/json", new byte[0]),
                403, "invitation_required");
        assertError(api.postJson("/api/v1/contests/acc-private/register", guesser, body("invitation_code", "guess")),
                403, "invitation_required");
        var ok = api.postJson("/api/v1/contests/acc-private/register", invited,
                body("invitation_code", "s3cret", "display_name", "Team Invited", "affiliation", "Uni"));
        assertEquals(201, ok.status(), ok.body());
        assertError(api.postJson("/api/v1/contests/acc-private/register", guesser, body("handle", "acc_chosen")),
                403, "forbidden");
        var byAdmin = api.postJson("/api/v1/contests/acc-private/register", ADMIN, body("handle", "acc_chosen"));
        assertEquals(201, byAdmin.status(), byAdmin.body());
        assertEquals("acc_chosen", byAdmin.json().getString("handle"));

        // while it runs, a private contest's problems are its contestants' only
        shiftStart("acc-private", 70);
        assertEquals(200, api.get("/api/v1/problems/acc-p1", invited).status());
        assertEquals(200, api.get("/api/v1/problems/acc-p1", chosen).status());
        assertError(api.get("/api/v1/problems/acc-p1", guesser), 404, "problem_not_found");
        assertError(api.get("/api/v1/problems/acc-p1", null), 404, "problem_not_found");
    }

    @Test
    void aProblemReusedByAnUpcomingContestStaysInTheHandsOfThoseCompetingWithItNow() throws Exception {
        String competitor = user("acc_competitor", "human");
        String outsider = user("acc_bystander", "human");
        assertEquals(201, api.postJson("/api/v1/contests", ADMIN, body("id", "acc-now", "name", "Now",
                "start", Instant.now().minusSeconds(60).toString(), "duration_minutes", 120,
                "problems", new JsonArray().add("acc-shared"))).status());
        register("acc-now", competitor);
        assertEquals(201, api.postJson("/api/v1/contests", ADMIN, body("id", "acc-tomorrow", "name", "Tomorrow",
                "start", Instant.now().plus(1, ChronoUnit.DAYS).toString(), "duration_minutes", 120,
                "problems", new JsonArray().add("acc-shared"))).status());
        assertEquals(200, api.get("/api/v1/problems/acc-shared", competitor).status());
        String id = submitted(competitor, "acc-now", "acc-shared", "AC");
        assertEquals("AC", ApiFlowTest.awaitVerdict(api, id, ADMIN).getString("verdict"));
        assertError(api.get("/api/v1/problems/acc-shared", outsider), 404, "problem_not_found");
        assertError(api.get("/api/v1/problems/acc-shared", null), 404, "problem_not_found");
    }

    @Test
    void aPrivateContestsBoardKeepsItsProblemsFromThePublicWhileItRuns() throws Exception {
        assertEquals(201, api.postJson("/api/v1/contests", ADMIN, body("id", "acc-closed", "name", "Closed",
                "start", Instant.now().minusSeconds(60).toString(), "duration_minutes", 120, "visibility", "private",
                "problems", new JsonArray().add("acc-secret"))).status());
        JsonObject board = api.get("/api/v1/contests/acc-closed/scoreboard", null).json();
        assertEquals(0, board.getJsonArray("problems").size(), board.encode());
        assertEquals(1, api.get("/api/v1/contests/acc-closed/scoreboard?view=jury", ADMIN).json()
                .getJsonArray("problems").size());
        assertError(api.get("/api/v1/contests/acc-closed/scoreboard/stream?view=jury", ADMIN), 400, "invalid_view");
    }

    @Test
    void anUpcomingContestFinalizedIsCalledOffAndAnAdministratorRegistersSomeoneByHandle() throws Exception {
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);
        assertEquals(201, api.postJson("/api/v1/contests", ADMIN, body("id", "acc-soon", "name", "Soon",
                "start", start.toString(), "duration_minutes", 60, "problems", new JsonArray().add("acc-p2"))).status());
        assertError(api.post("/api/v1/contests/acc-soon/register", ADMIN, "application/json", new byte[0]),
                400, "missing_field");
        assertEquals(200, api.post("/api/v1/contests/acc-soon/finalize", ADMIN, "application/json", new byte[0]).status());
        JsonObject off = api.get("/api/v1/contests/acc-soon", null).json();
        assertEquals("finalized", off.getString("status"));
        assertEquals(Instant.parse(off.getString("start")), Instant.parse(off.getString("end")),
                "called off before its start: it ends at its start, never before");
    }

    @Test
    void registrationIsOpenOnlyInItsWindow() throws Exception {
        String late = user("acc_late", "human");
        Instant start = Instant.now().plus(3, ChronoUnit.HOURS);
        var created = api.postJson("/api/v1/contests", ADMIN, body("id", "acc-window", "name", "Window",
                "start", start.toString(), "duration_minutes", 60, "problems", new JsonArray().add("acc-p2"),
                "registration_opens", Instant.now().plus(1, ChronoUnit.HOURS).toString(),
                "registration_closes", start.toString()));
        assertEquals(201, created.status(), created.body());
        assertFalse(created.json().getBoolean("registration_open"));
        assertError(api.post("/api/v1/contests/acc-window/register", late, "application/json", new byte[0]),
                409, "registration_closed");
        assertError(api.postJson("/api/v1/contests", ADMIN, body("id", "acc-window2", "name", "Bad window",
                "start", start.toString(), "duration_minutes", 60, "problems", new JsonArray().add("acc-p2"),
                "registration_opens", start.toString(), "registration_closes", Instant.now().toString())),
                400, "invalid_field");
    }

    @Test
    void aiContestantsTakingPartUnofficiallyAreLeftOutOfTheRatingChangesButPlaced() throws Exception {
        String human1 = user("acc_h1", "human");
        String human2 = user("acc_h2", "human");
        String model = user("acc_model", "ai");
        var created = api.postJson("/api/v1/contests", ADMIN, body("id", "acc-unofficial", "name", "Unofficial AI",
                "start", Instant.now().minusSeconds(60).toString(), "duration_minutes", 120, "rated", true,
                "ai_participation", "unofficial", "problems", new JsonArray().add("acc-u1")));
        assertEquals(201, created.status(), created.body());
        for (String t : List.of(human1, human2, model)) {
            register("acc-unofficial", t);
        }
        for (String id : List.of(submitted(model, "acc-unofficial", "acc-u1", "AC"),
                submitted(human1, "acc-unofficial", "acc-u1", "AC"), submitted(human2, "acc-unofficial", "acc-u1", "WA"))) {
            ApiFlowTest.awaitVerdict(api, id, ADMIN);
        }
        var finalized = api.post("/api/v1/contests/acc-unofficial/finalize", ADMIN, "application/json", new byte[0]);
        assertEquals(200, finalized.status(), finalized.body());
        JsonArray changes = finalized.json().getJsonArray("rating_changes");
        assertEquals(2, changes.size(), finalized.body());
        assertTrue(changes.stream().map(o -> ((JsonObject) o).getString("handle")).noneMatch("acc_model"::equals));
        JsonArray unofficial = finalized.json().getJsonArray("unofficial");
        assertEquals(1, unofficial.size(), finalized.body());
        JsonObject m = unofficial.getJsonObject(0);
        assertEquals("acc_model", m.getString("handle"));
        assertEquals(2, m.getInteger("place"), "tied with the human who solved it: the tie's worst place");
        assertTrue(m.getInteger("performance_rating") > 0, m.encode());
        assertNull(api.get("/api/v1/users/acc_model", null).json().getValue("rating"), "never rated");
    }
}
