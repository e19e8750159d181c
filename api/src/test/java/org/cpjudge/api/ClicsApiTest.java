package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ICPC Contest API over real HTTP and PostgreSQL: a small contest run to its end and read through every
 * endpoint, as the public and as an administrator, each object checked against the specification's rules
 * ({@link ClicsSpecRules}); a contest in its freeze (hidden verdicts for the public, and what unfreezing shows,
 * also on an open event feed); problems of a contest not started; unknown contests, endpoints, tokens.
 */
class ClicsApiTest {

    private static final String ADMIN = "clics-admin-token";
    private static final List<String> ENDPOINTS = List.of("state", "judgement-types", "languages", "problems",
            "groups", "organizations", "teams", "submissions", "judgements", "runs", "clarifications", "awards",
            "access", "scoreboard");

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
        // cl-c and cl-d belong to a contest that has not started: they do not exist for contestants yet
        // cl-e belongs to a private contest: its problems are its contestants' alone while it runs
        api.importSum(ADMIN, "cl-a", "cl-b", "cl-c", "cl-d", "cl-e");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---- helpers

    private static String user(String handle, String kind) throws Exception {
        return api.createUser(ADMIN, handle, kind);
    }

    private static void createContest(String id, Instant start, int duration, int freeze) throws Exception {
        createContest(id, start, duration, freeze, "icpc");
    }

    private static void createContest(String id, Instant start, int duration, int freeze, String scoring) throws Exception {
        createContest(id, start, duration, freeze, scoring, new JsonArray().add("cl-a").add("cl-b"));
    }

    private static void createContest(String id, Instant start, int duration, int freeze, String scoring,
                                      JsonArray problems) throws Exception {
        JsonObject body = new JsonObject().put("id", id).put("name", "CLICS " + id).put("start", start.toString())
                .put("duration_minutes", duration).put("scoring", scoring)
                .put("problems", problems).put("freeze_minutes", freeze);
        var r = api.postJson("/api/v1/contests", ADMIN, body);
        assertEquals(201, r.status(), r.body());
    }

    private static void register(String contest, String token, JsonObject body) throws Exception {
        var r = api.post("/api/v1/contests/" + contest + "/register", token, "application/json", body.encode().getBytes());
        assertEquals(201, r.status(), r.body());
    }

    private static String submit(String token, String contest, String problem, String verdict) throws Exception {
        var source = Sources.SUM.get("python3").get(verdict);
        JsonObject body = new JsonObject().put("problem", problem).put("language", "python3").put("contest", contest)
                .put("files", new JsonArray().add(new JsonObject().put("name", source.file()).put("content", source.content())));
        var r = api.postJson("/api/v1/submissions", token, body);
        assertEquals(202, r.status(), r.body());
        return r.json().getString("id");
    }

    private static Object get(String path, String token) throws Exception {
        var r = api.get(path, token);
        assertEquals(200, r.status(), path + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
        String body = r.body().trim();
        return body.startsWith("[") ? new JsonArray(body) : new JsonObject(body);
    }

    private static JsonArray array(String path, String token) throws Exception {
        return (JsonArray) get(path, token);
    }

    private static JsonObject object(String path, String token) throws Exception {
        return (JsonObject) get(path, token);
    }

    private static long userId(Connection c, String handle) throws Exception {
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM users WHERE handle = ?")) {
            q.setString(1, handle);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), handle);
                return rs.getLong(1);
            }
        }
    }

    /** Inserts a clarification row as the V5 table keeps them; returns its id. */
    private static long clarification(Connection c, String contest, String problem, long from, boolean jury,
                                      Long replyTo, Long to, boolean isPublic, String text) throws Exception {
        try (PreparedStatement q = c.prepareStatement("INSERT INTO clarifications (contest_id, problem_id, from_user_id,"
                + " from_jury, reply_to, to_user_id, public, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            q.setString(1, contest);
            q.setString(2, problem);
            q.setLong(3, from);
            q.setBoolean(4, jury);
            q.setObject(5, replyTo);
            q.setObject(6, to);
            q.setBoolean(7, isPublic);
            q.setString(8, text);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Reads every endpoint of the contest as {@code token} sees it and checks each object against the
     * specification's rules, references included; returns the objects by endpoint.
     */
    private static Map<String, Object> readEverything(String contest, String token) throws Exception {
        String base = "/clics/contests/" + contest;
        Map<String, Object> all = new HashMap<>();
        JsonObject contestJson = object(base, token);
        ClicsSpecRules.Contest ctx = new ClicsSpecRules.Contest(contestJson);
        all.put("contest", contestJson);
        for (String e : ENDPOINTS) {
            all.put(e, get(base + "/" + e, token));
        }
        ClicsSpecRules.access((JsonObject) all.get("access"));
        ClicsSpecRules.state((JsonObject) all.get("state"));
        // in the order references need: what a reference names is checked first
        ClicsSpecRules.judgementTypes(ctx, (JsonArray) all.get("judgement-types"));
        ClicsSpecRules.languages(ctx, (JsonArray) all.get("languages"));
        ClicsSpecRules.problems(ctx, (JsonArray) all.get("problems"));
        ClicsSpecRules.groups(ctx, (JsonArray) all.get("groups"));
        ClicsSpecRules.organizations(ctx, (JsonArray) all.get("organizations"));
        ClicsSpecRules.teams(ctx, (JsonArray) all.get("teams"));
        ClicsSpecRules.submissions(ctx, (JsonArray) all.get("submissions"));
        ClicsSpecRules.judgements(ctx, (JsonArray) all.get("judgements"));
        ClicsSpecRules.runs(ctx, (JsonArray) all.get("runs"));
        ClicsSpecRules.clarifications(ctx, (JsonArray) all.get("clarifications"));
        ClicsSpecRules.awards(ctx, (JsonArray) all.get("awards"));
        ClicsSpecRules.scoreboard(ctx, (JsonObject) all.get("scoreboard"));
        // every object of a collection also at /{endpoint}/{id}, the same object
        for (String e : List.of("judgement-types", "languages", "problems", "groups", "organizations", "teams",
                "submissions", "judgements", "runs", "clarifications", "awards")) {
            for (Object o : (JsonArray) all.get(e)) {
                JsonObject item = (JsonObject) o;
                assertEquals(item, object(base + "/" + e + "/" + item.getString("id"), token), e);
            }
        }
        // the access endpoint lists every property the objects carry, and only those
        Map<String, Set<String>> listed = new HashMap<>();
        for (Object o : ((JsonObject) all.get("access")).getJsonArray("endpoints")) {
            JsonObject ep = (JsonObject) o;
            listed.put(ep.getString("type"), new HashSet<>(ep.getJsonArray("properties").getList()));
        }
        assertTrue(listed.get("contest").containsAll(contestJson.fieldNames()), contestJson.encode());
        for (String e : List.of("judgement-types", "languages", "problems", "groups", "organizations", "teams",
                "submissions", "judgements", "runs", "clarifications", "awards")) {
            assertNotNull(listed.get(e), "access lists " + e);
            for (Object o : (JsonArray) all.get(e)) {
                assertTrue(listed.get(e).containsAll(((JsonObject) o).fieldNames()), e + ": " + o);
            }
        }
        return all;
    }

    private static List<JsonObject> feed(String contest, String token, String query) throws Exception {
        var r = api.get("/clics/contests/" + contest + "/event-feed" + query, token);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"));
        List<JsonObject> events = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (!line.isBlank()) {
                events.add(ClicsSpecRules.event(line));
            }
        }
        return events;
    }

    private static JsonObject teamByName(JsonArray teams, String name) {
        for (Object o : teams) {
            if (name.equals(((JsonObject) o).getString("name"))) {
                return (JsonObject) o;
            }
        }
        throw new AssertionError("no team named " + name + " in " + teams.encode());
    }

    private static JsonObject byId(JsonArray objects, String id) {
        for (Object o : objects) {
            if (id.equals(((JsonObject) o).getString("id"))) {
                return (JsonObject) o;
            }
        }
        throw new AssertionError("no object " + id + " in " + objects.encode());
    }

    // ---- the tests

    @Test
    void theApiRootNamesTheVersion() throws Exception {
        JsonObject root = object("/clics", null);
        ClicsSpecRules.apiInformation(root);
        assertEquals("https://ccs-specs.icpc.io/2023-06/contest_api", root.getString("version_url"));
        assertEquals("cpjudge", root.getJsonObject("provider").getString("name"));
    }

    @Test
    void aFinishedContestReadsAsTheSpecificationSays() throws Exception {
        createContest("clics1", Instant.now().minus(1, ChronoUnit.MINUTES), 120, 30);
        String alice = user("cl_alice", "human");
        String bob = user("cl_bob", "human");
        String model = user("cl_model", "ai");
        String idle = user("cl_idle.", "human"); // a handle that is no valid ID as it stands (ends with a dot)
        register("clics1", alice, new JsonObject().put("display_name", "Team Alice").put("affiliation", "Uni A"));
        register("clics1", bob, new JsonObject().put("affiliation", "Uni A"));
        register("clics1", model, new JsonObject().put("display_name", "Model X").put("affiliation", "Lab B"));
        register("clics1", idle, new JsonObject());

        Map<String, String> expected = new HashMap<>();
        expected.put(submit(alice, "clics1", "cl-a", "WA"), "WA");
        expected.put(submit(alice, "clics1", "cl-a", "CE"), "CE");
        String aliceA = submit(alice, "clics1", "cl-a", "AC");
        expected.put(aliceA, "AC");
        expected.put(submit(bob, "clics1", "cl-a", "AC"), "AC");
        expected.put(submit(alice, "clics1", "cl-b", "AC"), "AC");
        expected.put(submit(model, "clics1", "cl-b", "WA"), "WA");
        for (String id : expected.keySet()) {
            ApiFlowTest.awaitVerdict(api, id, ADMIN);
        }
        long qId;
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            long aliceId = userId(c, "cl_alice");
            long bobId = userId(c, "cl_bob");
            long admin = userId(c, JudgeServer.ADMIN_HANDLE);
            qId = clarification(c, "clics1", "cl-a", aliceId, false, null, null, false, "Is the input one line?");
            clarification(c, "clics1", "cl-a", admin, true, qId, aliceId, false, "Yes.");
            long bobQ = clarification(c, "clics1", null, bobId, false, null, null, false, "May I use Python?");
            clarification(c, "clics1", null, admin, true, bobQ, null, true, "Python 3 is offered to everyone.");
            clarification(c, "clics1", null, admin, true, null, null, true, "The contest ends early today.");
        }
        var finalized = api.post("/api/v1/contests/clics1/finalize", ADMIN, "application/json", new byte[0]);
        assertEquals(200, finalized.status(), finalized.body());
        JsonObject ours = api.get("/api/v1/contests/clics1/scoreboard", null).json();

        for (String token : java.util.Arrays.asList(ADMIN, null)) {
            boolean admin = token != null;
            Map<String, Object> all = readEverything("clics1", token);
            JsonObject contest = (JsonObject) all.get("contest");
            assertEquals("clics1", contest.getString("id"));
            assertEquals("2:00:00.000", contest.getString("duration"));
            assertEquals("0:30:00.000", contest.getString("scoreboard_freeze_duration"));
            assertEquals("pass-fail", contest.getString("scoreboard_type"));
            assertEquals(20, contest.getInteger("penalty_time"));

            JsonObject state = (JsonObject) all.get("state");
            assertNotNull(state.getString("started"));
            assertNotNull(state.getString("ended"), "finalizing ended it early");
            assertNull(state.getValue("frozen"), "it ended before its freeze would have begun: " + state.encode());
            assertNotNull(state.getString("finalized"));
            assertNotNull(state.getString("end_of_updates"));

            JsonArray teams = (JsonArray) all.get("teams");
            assertEquals(4, teams.size(), teams.encode());
            JsonObject teamAlice = teamByName(teams, "Team Alice");
            assertEquals("cl_alice", teamAlice.getString("id"), "a handle that is an ID is the team's id");
            assertEquals("Team Alice", teamAlice.getString("display_name"));
            JsonObject teamBob = teamByName(teams, "cl_bob");
            assertNull(teamBob.getValue("display_name"));
            assertEquals(teamAlice.getString("organization_id"), teamBob.getString("organization_id"), "both Uni A");
            JsonObject teamModel = teamByName(teams, "Model X");
            assertEquals(new JsonArray().add("ai"), teamModel.getJsonArray("group_ids"));
            assertEquals(new JsonArray().add("participants"), teamAlice.getJsonArray("group_ids"));
            JsonObject teamIdle = teamByName(teams, "cl_idle.");
            assertFalse(teamIdle.getString("id").endsWith("."), teamIdle.encode());
            assertNull(teamIdle.getValue("organization_id"));
            JsonArray orgs = (JsonArray) all.get("organizations");
            assertEquals(2, orgs.size(), "Uni A and Lab B: " + orgs.encode());
            assertEquals("Uni A", byId(orgs, teamAlice.getString("organization_id")).getString("name"));

            JsonArray problems = (JsonArray) all.get("problems");
            assertEquals(2, problems.size());
            assertEquals("A", byId(problems, "cl-a").getString("label"));
            assertEquals(4, byId(problems, "cl-a").getInteger("test_data_count"));
            assertEquals("B", byId(problems, "cl-b").getString("label"));

            JsonArray submissions = (JsonArray) all.get("submissions");
            assertEquals(6, submissions.size());
            JsonObject aliceAC = byId(submissions, aliceA);
            assertEquals("cl_alice", aliceAC.getString("team_id"));
            assertEquals("python3", aliceAC.getString("language_id"));
            assertEquals("sum.py", aliceAC.getString("entry_point"), "Python runs its main file");
            assertTrue(aliceAC.getString("contest_time").startsWith("0:0") || aliceAC.getString("contest_time").startsWith("0:1"),
                    aliceAC.encode());
            JsonObject python = byId((JsonArray) all.get("languages"), "python3");
            assertTrue(python.getBoolean("entry_point_required"));
            assertEquals("Main file", python.getString("entry_point_name"));

            JsonArray judgements = (JsonArray) all.get("judgements");
            assertEquals(6, judgements.size(), "a finished contest shows every verdict: " + judgements.encode());
            for (Object o : judgements) {
                JsonObject j = (JsonObject) o;
                assertEquals(expected.get(j.getString("submission_id")), j.getString("judgement_type_id"), j.encode());
            }
            JsonArray runs = (JsonArray) all.get("runs");
            long aliceRuns = runs.stream().filter(r -> aliceA.equals(((JsonObject) r).getString("judgement_id"))).count();
            assertEquals(4, aliceRuns, "an accepted try ran every test: " + runs.encode());
            assertTrue(runs.stream().allMatch(r -> !((JsonObject) r).getString("judgement_id").equals(
                    expected.entrySet().stream().filter(e -> e.getValue().equals("CE")).findFirst().orElseThrow().getKey())),
                    "a compile error runs nothing");

            JsonArray clars = (JsonArray) all.get("clarifications");
            assertEquals(admin ? 5 : 2, clars.size(), clars.encode());
            if (admin) {
                JsonObject answer = clars.stream().map(o -> (JsonObject) o)
                        .filter(c -> String.valueOf(qId).equals(c.getString("reply_to_id"))).findFirst().orElseThrow();
                assertEquals("cl_alice", answer.getString("to_team_id"), "a private answer goes to the asker");
                assertNull(answer.getValue("from_team_id"));
                JsonObject question = byId(clars, String.valueOf(qId));
                assertEquals("cl_alice", question.getString("from_team_id"));
                assertEquals("cl-a", question.getString("problem_id"));
            } else {
                for (Object o : clars) {
                    JsonObject c = (JsonObject) o;
                    assertNull(c.getValue("from_team_id"), "the public sees only the jury's public messages");
                    assertNull(c.getValue("to_team_id"));
                    assertNull(c.getValue("reply_to_id"), "the question it answers is private: " + c.encode());
                }
            }

            JsonObject board = (JsonObject) all.get("scoreboard");
            JsonArray rows = board.getJsonArray("rows");
            assertEquals(4, rows.size());
            Map<String, String> teamOfHandle = Map.of("cl_alice", "cl_alice", "cl_bob", "cl_bob", "cl_model", "cl_model",
                    "cl_idle.", teamIdle.getString("id"));
            JsonArray ourRows = ours.getJsonArray("rows");
            assertEquals(ourRows.size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                JsonObject row = rows.getJsonObject(i);
                JsonObject our = ourRows.stream().map(o -> (JsonObject) o)
                        .filter(r -> teamOfHandle.get(r.getString("handle")).equals(row.getString("team_id")))
                        .findFirst().orElseThrow();
                assertEquals(our.getInteger("rank"), row.getInteger("rank"), "the same ranks as our board");
                assertEquals(our.getInteger("solved"), row.getJsonObject("score").getInteger("num_solved"));
                assertEquals(our.getLong("penalty"), row.getJsonObject("score").getLong("total_time"));
            }
            JsonObject first = rows.getJsonObject(0);
            assertEquals("cl_alice", first.getString("team_id"));
            assertEquals(1, first.getInteger("rank"));
            JsonObject cellA = first.getJsonArray("problems").getJsonObject(0);
            assertEquals("cl-a", cellA.getString("problem_id"));
            assertEquals(2, cellA.getInteger("num_judged"), "WA and AC; the compile error does not count");
            assertTrue(cellA.getBoolean("solved"));
            assertEquals(cellA.getLong("time") + 20 + first.getJsonArray("problems").getJsonObject(1).getLong("time"),
                    first.getJsonObject("score").getLong("total_time"));
            JsonObject bobRow = rows.getJsonObject(1);
            assertEquals("cl_bob", bobRow.getString("team_id"));
            assertEquals(3, rows.getJsonObject(2).getInteger("rank"), "nothing solved: tied");
            assertEquals(3, rows.getJsonObject(3).getInteger("rank"));

            // filtering on ID properties, several at once, and on null with an empty value
            String q = "/clics/contests/clics1/";
            JsonArray bobs = array(q + "submissions?team_id=cl_bob", token);
            assertEquals(1, bobs.size(), bobs.encode());
            assertEquals("cl_bob", bobs.getJsonObject(0).getString("team_id"));
            assertEquals(1, array(q + "judgements?submission_id=" + aliceA + "&judgement_type_id=AC", token).size());
            assertEquals(0, array(q + "judgements?submission_id=" + aliceA + "&judgement_type_id=WA", token).size());
            JsonArray toAll = array(q + "clarifications?to_team_id=", token);
            assertEquals(admin ? 4 : 2, toAll.size(), toAll.encode());
            toAll.forEach(c -> assertNull(((JsonObject) c).getValue("to_team_id")));
            // a group's scoreboard, ranked on its own
            JsonObject aiBoard = object(q + "scoreboard?group_id=ai", token);
            ClicsSpecRules.Contest groupCtx = new ClicsSpecRules.Contest(contest);
            groupCtx.add("teams", teams);
            groupCtx.add("problems", problems);
            ClicsSpecRules.scoreboard(groupCtx, aiBoard);
            assertEquals(1, aiBoard.getJsonArray("rows").size(), aiBoard.encode());
            assertEquals("cl_model", aiBoard.getJsonArray("rows").getJsonObject(0).getString("team_id"));
            assertEquals(1, aiBoard.getJsonArray("rows").getJsonObject(0).getInteger("rank"));
            assertEquals(400, api.get(q + "scoreboard?group_id=nope", token).status());

            JsonArray awards = (JsonArray) all.get("awards");
            assertEquals(new JsonArray().add("cl_alice"), byId(awards, "winner").getJsonArray("team_ids"));
            assertEquals(new JsonArray().add("cl_alice"), byId(awards, "first-to-solve-cl-a").getJsonArray("team_ids"),
                    "alice's accepted try came before bob's");
            assertEquals(new JsonArray().add("cl_alice"), byId(awards, "first-to-solve-cl-b").getJsonArray("team_ids"));
            assertEquals(new JsonArray(), byId(awards, "group-winner-ai").getJsonArray("team_ids"), "the model solved nothing");

            // sources: administrators read the zip; the public sees no file and may not fetch it
            if (admin) {
                assertEquals(1, aliceAC.getJsonArray("files").size());
                String href = aliceAC.getJsonArray("files").getJsonObject(0).getString("href");
                HttpResponse<byte[]> zip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/clics/" + href))
                        .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, zip.statusCode());
                try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
                    assertEquals("sum.py", in.getNextEntry().getName());
                    assertEquals(Sources.SUM.get("python3").get("AC").content(),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } else {
                assertEquals(new JsonArray(), aliceAC.getJsonArray("files"));
                assertEquals(403, api.get("/clics/contests/clics1/submissions/" + aliceA + "/files", null).status());
            }

            // the feed: finite for a finished contest, every line an event, ending with end_of_updates
            List<JsonObject> events = feed("clics1", token, "?stream=false");
            assertEquals("contest", events.get(0).getString("type"), "the contest comes first: " + events.get(0));
            JsonObject last = events.get(events.size() - 1);
            assertEquals("state", last.getString("type"));
            assertNotNull(last.getJsonObject("data").getString("end_of_updates"), last.encode());
            assertEquals(state, last.getJsonObject("data"), "the last state event is the current state");
            Set<String> tokens = new HashSet<>();
            events.forEach(e -> assertTrue(tokens.add(e.getString("token")), "tokens are unique: " + e.encode()));
            for (String type : List.of("submissions", "judgements", "runs", "teams", "problems", "clarifications",
                    "organizations", "languages", "judgement-types", "groups", "awards")) {
                Map<String, JsonObject> lastSeen = new HashMap<>();
                events.stream().filter(e -> e.getString("type").equals(type))
                        .forEach(e -> lastSeen.put(e.getString("id"), e.getJsonObject("data")));
                JsonArray current = (JsonArray) all.get(type);
                assertEquals(current.size(), lastSeen.size(), type + ": one object per event id: " + lastSeen.keySet());
                for (Object o : current) {
                    JsonObject item = (JsonObject) o;
                    assertEquals(item, lastSeen.get(item.getString("id")), type + ": the latest event is the object");
                }
            }
            assertEquals(1, events.stream().filter(e -> e.getString("type").equals("contest")).map(e -> e.getJsonObject("data"))
                    .distinct().count());
            // a submission's event comes before its judgement's, and a team's before its submissions
            List<String> order = events.stream().map(e -> e.getString("type") + "/" + e.getString("id")).toList();
            assertTrue(order.indexOf("submissions/" + aliceA) < order.indexOf("judgements/" + aliceA));
            assertTrue(order.indexOf("teams/cl_alice") < order.indexOf("submissions/" + aliceA));

            // since_token: exactly the events after it; stream=true on a finished contest ends by itself
            int middle = events.size() / 2;
            List<JsonObject> after = feed("clics1", token, "?stream=false&since_token=" + events.get(middle).getString("token"));
            assertEquals(events.subList(middle + 1, events.size()), after);
            assertEquals(events, feed("clics1", token, ""), "the stream of a finished contest is finite");
        }
        var bad = api.get("/clics/contests/clics1/event-feed?since_token=not-a-token", null);
        assertEquals(400, bad.status(), bad.body());
        assertEquals(400, bad.json().getInteger("code"));
    }

    @Test
    void duringTheFreezeThePublicSeesTheFrozenBoardAndAdministratorsEverything() throws Exception {
        // the whole contest is in its freeze: every try's result is hidden from the public until the unfreeze
        createContest("clics2", Instant.now().minus(30, ChronoUnit.SECONDS), 120, 120);
        String carol = user("fz_carol", "human");
        String dave = user("fz_dave", "human");
        register("clics2", carol, new JsonObject().put("affiliation", "Uni C"));
        register("clics2", dave, new JsonObject());
        String carolAC = submit(carol, "clics2", "cl-a", "AC");
        String daveWA = submit(dave, "clics2", "cl-a", "WA");
        ApiFlowTest.awaitVerdict(api, carolAC, ADMIN);
        ApiFlowTest.awaitVerdict(api, daveWA, ADMIN);

        Map<String, Object> pub = readEverything("clics2", null);
        JsonObject state = (JsonObject) pub.get("state");
        assertNotNull(state.getString("frozen"), state.encode());
        assertNull(state.getValue("ended"));
        assertEquals(2, ((JsonArray) pub.get("submissions")).size(), "tries show, as pending cells do");
        assertEquals(new JsonArray(), pub.get("judgements"), "no verdict of a try made in the freeze");
        assertEquals(new JsonArray(), pub.get("runs"));
        for (Object o : ((JsonObject) pub.get("scoreboard")).getJsonArray("rows")) {
            JsonObject row = (JsonObject) o;
            assertEquals(0, row.getJsonObject("score").getInteger("num_solved"), row.encode());
            assertEquals(1, row.getJsonArray("problems").getJsonObject(0).getInteger("num_pending"), row.encode());
        }
        JsonArray awards = (JsonArray) pub.get("awards");
        assertEquals(new JsonArray(), byId(awards, "winner").getJsonArray("team_ids"));
        assertEquals(new JsonArray(), byId(awards, "first-to-solve-cl-a").getJsonArray("team_ids"),
                "an earlier try is still pending for the public");
        assertEquals(404, api.get("/clics/contests/clics2/judgements/" + carolAC, null).status());

        Map<String, Object> admin = readEverything("clics2", ADMIN);
        assertEquals(2, ((JsonArray) admin.get("judgements")).size());
        assertEquals("AC", object("/clics/contests/clics2/judgements/" + carolAC, ADMIN).getString("judgement_type_id"));
        JsonObject top = ((JsonObject) admin.get("scoreboard")).getJsonArray("rows").getJsonObject(0);
        assertEquals("fz_carol", top.getString("team_id"));
        assertEquals(1, top.getJsonObject("score").getInteger("num_solved"));
        assertEquals(new JsonArray().add("fz_carol"), byId((JsonArray) admin.get("awards"), "first-to-solve-cl-a")
                .getJsonArray("team_ids"));

        // an open public feed: the verdicts arrive once the freeze is lifted, nothing of them before
        Thread.sleep(3500); // the feed holds back the last seconds of a live contest
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> open = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/clics/contests/clics2/event-feed")).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, open.statusCode());
        Thread reader = new Thread(() -> open.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        List<JsonObject> before = new ArrayList<>();
        for (String line; (line = lines.poll(3, TimeUnit.SECONDS)) != null; ) {
            if (!line.isBlank()) {
                before.add(ClicsSpecRules.event(line));
            }
        }
        assertTrue(before.stream().anyMatch(e -> e.getString("type").equals("submissions")), before.toString());
        assertTrue(before.stream().noneMatch(e -> e.getString("type").equals("judgements")), before.toString());

        assertEquals(200, api.post("/api/v1/contests/clics2/unfreeze", ADMIN, "application/json", new byte[0]).status());
        Set<String> judged = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (judged.size() < 2 && System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && !line.isBlank()) {
                JsonObject e = ClicsSpecRules.event(line);
                if (e.getString("type").equals("judgements")) {
                    judged.add(e.getString("id"));
                }
            }
        }
        assertEquals(Set.of(carolAC, daveWA), judged, "the open feed delivers the verdicts the unfreeze shows");
        Map<String, Object> after = readEverything("clics2", null);
        assertEquals(2, ((JsonArray) after.get("judgements")).size());
        assertEquals(1, ((JsonObject) after.get("scoreboard")).getJsonArray("rows").getJsonObject(0)
                .getJsonObject("score").getInteger("num_solved"));
        assertNotNull(object("/clics/contests/clics2", null).getString("scoreboard_thaw_time"));
    }

    @Test
    void aScoreContestReadsAsTheSpecificationSays() throws Exception {
        createContest("clics5", Instant.now().minus(1, ChronoUnit.MINUTES), 60, 0, "ioi");
        String erin = user("sc_erin", "human");
        String fay = user("sc_fay", "human");
        register("clics5", erin, new JsonObject());
        register("clics5", fay, new JsonObject());
        String ac = submit(erin, "clics5", "cl-a", "AC");
        String wa = submit(fay, "clics5", "cl-a", "WA");
        ApiFlowTest.awaitVerdict(api, ac, ADMIN);
        ApiFlowTest.awaitVerdict(api, wa, ADMIN);
        assertEquals(200, api.post("/api/v1/contests/clics5/finalize", ADMIN, "application/json", new byte[0]).status());
        for (String token : java.util.Arrays.asList(ADMIN, null)) {
            Map<String, Object> all = readEverything("clics5", token);
            assertEquals("score", ((JsonObject) all.get("contest")).getString("scoreboard_type"));
            assertEquals(100.0, byId((JsonArray) all.get("problems"), "cl-a").getDouble("max_score"));
            assertEquals(100.0, byId((JsonArray) all.get("judgements"), ac).getDouble("score"));
            assertEquals(0.0, byId((JsonArray) all.get("judgements"), wa).getDouble("score"));
            JsonArray rows = ((JsonObject) all.get("scoreboard")).getJsonArray("rows");
            assertEquals("sc_erin", rows.getJsonObject(0).getString("team_id"));
            assertEquals(100.0, rows.getJsonObject(0).getJsonObject("score").getDouble("score"));
            assertEquals(100.0, rows.getJsonObject(0).getJsonArray("problems").getJsonObject(0).getDouble("score"));
            assertEquals(0.0, rows.getJsonObject(1).getJsonObject("score").getDouble("score"));
            for (String line : api.get("/clics/contests/clics5/event-feed?stream=false", token).body().split("\n")) {
                ClicsSpecRules.event(line);
            }
        }
    }

    @Test
    void aPrivateContestsProblemsAreNotPublicWhileItRuns() throws Exception {
        JsonObject body = new JsonObject().put("id", "clics6").put("name", "CLICS private")
                .put("start", Instant.now().minus(1, ChronoUnit.MINUTES).toString()).put("duration_minutes", 60)
                .put("problems", new JsonArray().add("cl-e")).put("visibility", "private");
        assertEquals(201, api.postJson("/api/v1/contests", ADMIN, body).status());
        assertEquals(new JsonArray(), array("/clics/contests/clics6/problems", null), "as the access policy says");
        assertEquals(1, array("/clics/contests/clics6/problems", ADMIN).size());
    }

    @Test
    void problemsOfAContestNotStartedAreForAdministratorsOnly() throws Exception {
        createContest("clics3", Instant.now().plus(1, ChronoUnit.DAYS), 60, 0, "icpc", new JsonArray().add("cl-c").add("cl-d"));
        assertEquals(new JsonArray(), array("/clics/contests/clics3/problems", null));
        assertEquals(404, api.get("/clics/contests/clics3/problems/cl-c", null).status());
        JsonArray awards = array("/clics/contests/clics3/awards", null);
        assertTrue(awards.stream().noneMatch(a -> ((JsonObject) a).getString("id").startsWith("first-to-solve")),
                "no award names a problem the public cannot see: " + awards.encode());
        Map<String, Object> admin = readEverything("clics3", ADMIN);
        assertEquals(2, ((JsonArray) admin.get("problems")).size());
        readEverything("clics3", null);
        JsonObject state = object("/clics/contests/clics3/state", null);
        assertNull(state.getValue("started"), state.encode());
        List<JsonObject> events = feed("clics3", null, "?stream=false");
        assertTrue(events.stream().noneMatch(e -> e.getString("type").equals("problems")), events.toString());
    }

    @Test
    void aTokenReadWhileTheFirstEventsSettleSkipsNothing() throws Exception {
        createContest("clics-settle", Instant.now().plus(1, ChronoUnit.DAYS), 60, 0, "icpc", new JsonArray().add("cl-c"));
        List<JsonObject> early = feed("clics-settle", null, "?stream=false");
        String resume = early.isEmpty() ? "?stream=false"
                : "?stream=false&since_token=" + early.get(early.size() - 1).getString("token");
        Thread.sleep(3_500); // past EventFeed.SETTLE: everything written at the creation has settled
        List<JsonObject> all = new ArrayList<>(early);
        all.addAll(feed("clics-settle", null, resume));
        for (String type : List.of("contest", "judgement-types", "languages", "groups", "awards")) {
            assertTrue(all.stream().anyMatch(e -> e.getString("type").equals(type)),
                    "a client that resumed from its first read still gets the " + type + " events: " + all);
        }
    }

    @Test
    void unknownContestsEndpointsObjectsAndTokensAreRefused() throws Exception {
        createContest("clics4", Instant.now().minus(1, ChronoUnit.MINUTES), 60, 0);
        for (String path : List.of("/clics/contests/nope", "/clics/contests/nope/teams", "/clics/contests/nope/event-feed",
                "/clics/contests/clics4/nope", "/clics/contests/clics4/teams/nobody", "/clics/contests/clics4/state/x",
                "/clics/contests/clics4/submissions/00000000-0000-0000-0000-000000000000")) {
            var r = api.get(path, null);
            assertEquals(404, r.status(), path + ": " + r.body());
            assertEquals(404, r.json().getInteger("code"), "the specification's error body: " + r.body());
            assertTrue(r.json().getString("message").length() > 0);
        }
        var r = api.get("/clics/contests/clics4", "not-a-token");
        assertEquals(401, r.status(), r.body());
        assertEquals(401, api.get("/clics/contests", "not-a-token").status());
        assertTrue(array("/clics/contests", null).stream().anyMatch(c -> ((JsonObject) c).getString("id").equals("clics4")));
        for (Object o : array("/clics/contests", null)) {
            ClicsSpecRules.contest((JsonObject) o);
        }
    }
}
