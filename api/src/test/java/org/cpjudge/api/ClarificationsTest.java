package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clarifications over HTTP on a real PostgreSQL: who may ask, who reads a question and its private or public
 * answers, announcements, the errors, and the event stream, fed from another API process on the same database.
 */
class ClarificationsTest {

    private static final String ADMIN = "clar-admin-token";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path otherDataDir;
    private static JudgeServer server;
    /** A second API process on the same database: a clarification posted on one reaches the streams of both. */
    private static JudgeServer otherNode;
    private static ApiClient api;
    private static TestDatabases.Credentials db;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 0, ADMIN, false));
        otherNode = JudgeServer.start(new ServerConfig(0, otherDataDir, db.url(), db.user(), db.password(), 0, ADMIN, false));
        api = new ApiClient(server.port());
        for (String id : List.of("q-a", "q-b", "q-other")) {
            var r = api.post("/api/v1/problems?id=" + id, ADMIN, "application/zip", Zips.of(Zips.resource("packages/sum")));
            assertEquals(201, r.status(), r.body());
        }
    }

    @AfterAll
    static void stop() {
        for (JudgeServer s : new JudgeServer[] {otherNode, server}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static String user(String handle) throws Exception {
        var r = api.postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", handle).put("kind", "human"));
        assertEquals(201, r.status(), r.body());
        return r.json().getString("token");
    }

    /** A contest with problems q-a and q-b starting at {@code start}, and the given contestants registered. */
    private static void contest(String id, Instant start, String... contestants) throws Exception {
        JsonObject body = new JsonObject().put("id", id).put("name", "Round " + id).put("start", start.toString())
                .put("duration_minutes", 120).put("scoring", "icpc")
                .put("problems", new JsonArray().add("q-a").add("q-b")).put("freeze_minutes", 0).put("rated", false);
        var created = api.postJson("/api/v1/contests", ADMIN, body);
        assertEquals(201, created.status(), created.body());
        for (String token : contestants) {
            var r = api.post("/api/v1/contests/" + id + "/register", token, "application/json", new byte[0]);
            assertEquals(201, r.status(), r.body());
        }
    }

    private static JsonObject post(String contest, String token, JsonObject body) throws Exception {
        var r = api.postJson("/api/v1/contests/" + contest + "/clarifications", token, body);
        assertEquals(201, r.status(), r.body());
        assertNotNull(r.json().getLong("id"), r.body());
        return r.json();
    }

    private static JsonObject ask(String contest, String token, String problem, String text) throws Exception {
        return post(contest, token, new JsonObject().put("problem", problem).put("text", text));
    }

    private static JsonObject answer(String contest, long question, boolean isPublic, String text) throws Exception {
        return post(contest, ADMIN, new JsonObject().put("reply_to", question).put("public", isPublic).put("text", text));
    }

    private static JsonArray list(String contest, String token) throws Exception {
        var r = api.get("/api/v1/contests/" + contest + "/clarifications", token);
        assertEquals(200, r.status(), r.body());
        return r.array();
    }

    private static List<Long> ids(JsonArray items) {
        List<Long> ids = new ArrayList<>();
        for (Object o : items) {
            ids.add(((JsonObject) o).getLong("id"));
        }
        return ids;
    }

    private static JsonObject item(JsonArray items, long id) {
        for (Object o : items) {
            if (((JsonObject) o).getLong("id") == id) {
                return (JsonObject) o;
            }
        }
        throw new AssertionError("no clarification " + id + " in " + items.encode());
    }

    private static void assertError(ApiClient.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().getJsonObject("error").getString("code"), r.body());
    }

    @Test
    void aQuestionIsTheAskersUntilTheJuryAnswersItToEveryone() throws Exception {
        String alice = user("cl_alice");
        String bob = user("cl_bob");
        contest("clar1", Instant.now().minus(5, ChronoUnit.MINUTES), alice, bob);

        JsonObject asked = ask("clar1", alice, "q-a", "May the input end without a newline?");
        long q = asked.getLong("id");
        assertEquals("question", asked.getString("kind"));
        assertEquals("cl_alice", asked.getString("from"));
        assertEquals("q-a", asked.getString("problem"));
        assertEquals("clar1", asked.getString("contest"));
        assertFalse(asked.getBoolean("public"));
        assertFalse(asked.getBoolean("answered"));
        assertTrue(Instant.parse(asked.getString("created_at")).isAfter(Instant.now().minus(1, ChronoUnit.MINUTES)));

        assertEquals(List.of(q), ids(list("clar1", alice)), "the asker reads their question");
        assertEquals(List.of(q), ids(list("clar1", ADMIN)), "the jury reads every question");
        assertEquals(List.of(), ids(list("clar1", bob)), "another contestant does not");
        assertEquals(List.of(), ids(list("clar1", null)), "nor does the public");
        assertError(api.get("/api/v1/contests/clar1/clarifications/" + q, bob), 404, "clarification_not_found");
        assertError(api.get("/api/v1/contests/clar1/clarifications/" + q, null), 404, "clarification_not_found");
        assertEquals("May the input end without a newline?",
                api.get("/api/v1/contests/clar1/clarifications/" + q, alice).json().getString("text"));

        JsonObject privately = answer("clar1", q, false, "Yes, it may.");
        long a1 = privately.getLong("id");
        assertEquals("jury", privately.getString("from"), "no administrator is named");
        assertEquals(q, privately.getLong("reply_to"));
        assertEquals("q-a", privately.getString("problem"), "an answer is about its question's problem");
        assertFalse(privately.getBoolean("public"));

        JsonArray alices = list("clar1", alice);
        assertEquals(List.of(q, a1), ids(alices));
        assertTrue(item(alices, q).getBoolean("answered"));
        assertEquals(new JsonArray().add(a1), item(alices, q).getJsonArray("answers"));
        assertEquals("Yes, it may.", item(alices, a1).getString("text"));
        assertEquals(List.of(), ids(list("clar1", bob)), "a private answer stays between the jury and the asker");
        assertEquals(List.of(), ids(list("clar1", null)));
        assertError(api.get("/api/v1/contests/clar1/clarifications/" + a1, bob), 404, "clarification_not_found");

        JsonObject publicly = answer("clar1", q, true, "To all: inputs may end without a newline.");
        long a2 = publicly.getLong("id");
        assertTrue(publicly.getBoolean("public"));
        for (String reader : new String[] {bob, null}) {
            JsonArray seen = list("clar1", reader);
            assertEquals(List.of(q, a2), ids(seen), "everyone reads a publicly answered question, not the private answer");
            JsonObject question = item(seen, q);
            assertEquals("May the input end without a newline?", question.getString("text"));
            assertTrue(question.getBoolean("public"));
            assertNull(question.getValue("from"), "the asker stays anonymous to the others: " + question.encode());
            assertEquals(new JsonArray().add(a2), question.getJsonArray("answers"));
            assertEquals("jury", item(seen, a2).getString("from"));
        }
        JsonArray jury = list("clar1", ADMIN);
        assertEquals(List.of(q, a1, a2), ids(jury), "oldest first");
        assertEquals("cl_alice", item(jury, q).getString("from"));
        assertEquals(new JsonArray().add(a1).add(a2), item(jury, q).getJsonArray("answers"));
        assertEquals(List.of(q, a1, a2), ids(list("clar1", alice)));
    }

    @Test
    void announcementsReachEveryoneAndQuestionsAreOpenFromRegistrationUntilTheEnd() throws Exception {
        String carl = user("cl_carl");
        String dora = user("cl_dora");
        contest("clar2", Instant.now().plus(1, ChronoUnit.DAYS), carl);

        // before the start: asking about the rules is welcome, and the jury may announce
        long early = ask("clar2", carl, null, "Is the contest rated?").getLong("id");
        JsonObject announced = post("clar2", ADMIN, new JsonObject().put("text", "The contest is not rated."));
        long ann = announced.getLong("id");
        assertEquals("announcement", announced.getString("kind"));
        assertTrue(announced.getBoolean("public"));
        assertNull(announced.getValue("reply_to"));
        assertNull(announced.getValue("problem"));
        assertEquals("jury", announced.getString("from"));
        long aboutB = post("clar2", ADMIN, new JsonObject().put("problem", "q-b").put("text", "B: n is at most 10^5"))
                .getLong("id");
        assertEquals("q-b", api.get("/api/v1/contests/clar2/clarifications/" + aboutB, null).json().getString("problem"));

        assertEquals(List.of(early, ann, aboutB), ids(list("clar2", carl)));
        assertEquals(List.of(ann, aboutB), ids(list("clar2", dora)), "a user who did not register reads the public ones");
        assertEquals(List.of(ann, aboutB), ids(list("clar2", null)));
        assertError(api.postJson("/api/v1/contests/clar2/clarifications", dora,
                new JsonObject().put("text", "and me?")), 403, "not_registered");

        // a finished contest: no more questions, but the jury may still write
        String eve = user("cl_eve");
        contest("clar3", Instant.now().minus(1, ChronoUnit.MINUTES), eve);
        long during = ask("clar3", eve, "q-a", "Is q-a interactive?").getLong("id");
        var finalized = api.post("/api/v1/contests/clar3/finalize", ADMIN, "application/json", new byte[0]);
        assertEquals(200, finalized.status(), finalized.body());
        assertError(api.postJson("/api/v1/contests/clar3/clarifications", eve,
                new JsonObject().put("text", "one more?")), 409, "contest_over");
        long late = answer("clar3", during, false, "No.").getLong("id");
        assertEquals(List.of(during, late), ids(list("clar3", eve)));
    }

    @Test
    void refusalsSayWhy() throws Exception {
        String fred = user("cl_fred");
        String gina = user("cl_gina");
        contest("clar4", Instant.now().minus(1, ChronoUnit.MINUTES), fred);
        String path = "/api/v1/contests/clar4/clarifications";
        JsonObject ok = new JsonObject().put("problem", "q-a").put("text", "why?");

        assertError(api.postJson(path, null, ok), 401, "unauthenticated");
        assertError(api.postJson(path, "not-a-token", ok), 401, "invalid_token");
        assertError(api.get(path, "not-a-token"), 401, "invalid_token");
        assertError(api.postJson(path, gina, ok), 403, "not_registered");
        assertError(api.postJson("/api/v1/contests/nope/clarifications", fred, ok), 404, "contest_not_found");
        assertError(api.get("/api/v1/contests/nope/clarifications", null), 404, "contest_not_found");
        assertError(api.get("/api/v1/contests/nope/clarifications/stream", null), 404, "contest_not_found");
        assertError(api.postJson(path, fred, ok.copy().put("problem", "q-other")), 400, "unknown_problem");
        assertError(api.postJson(path, fred, ok.copy().put("text", "   ")), 400, "missing_field");
        assertError(api.postJson(path, fred, new JsonObject().put("problem", "q-a")), 400, "missing_field");
        assertError(api.postJson(path, fred, ok.copy().put("text", "x".repeat(10_001))), 400, "text_too_long");
        assertEquals(201, api.postJson(path, fred, ok.copy().put("text", "x".repeat(10_000))).status(),
                "10,000 characters are allowed");
        assertError(api.post(path, fred, "application/json", "{not json".getBytes()), 400, "invalid_json");
        long q = ask("clar4", fred, null, "general question").getLong("id");
        assertError(api.postJson(path, fred, ok.copy().put("reply_to", q)), 403, "jury_only");
        assertError(api.postJson(path, fred, ok.copy().put("public", true)), 403, "jury_only");

        assertError(api.postJson(path, ADMIN, new JsonObject().put("reply_to", 987654321).put("text", "?")),
                400, "unknown_reply_to");
        assertError(api.postJson(path, ADMIN, new JsonObject().put("reply_to", "abc").put("text", "?")),
                400, "invalid_field");
        // 2^64 + q read through longValue() would be q: the answer would land on fred's question
        String wrapped = java.math.BigInteger.TWO.pow(64).add(java.math.BigInteger.valueOf(q)).toString();
        for (String id : new String[] {wrapped, "1e400", "2.5"}) {
            assertError(api.post(path, ADMIN, "application/json",
                    ("{\"reply_to\": " + id + ", \"text\": \"?\"}").getBytes(StandardCharsets.UTF_8)), 400, "invalid_field");
        }
        long ann = post("clar4", ADMIN, new JsonObject().put("text", "Announcement")).getLong("id");
        assertError(api.postJson(path, ADMIN, new JsonObject().put("reply_to", ann).put("text", "?")),
                400, "not_a_question");
        assertError(api.postJson(path, ADMIN, new JsonObject().put("public", false).put("text", "to no one")),
                400, "invalid_field");
        assertError(api.postJson(path, ADMIN, new JsonObject().put("public", "yes").put("text", "?")),
                400, "invalid_field");
        // a question of another contest is not one of this contest's
        String hana = user("cl_hana");
        contest("clar5", Instant.now().minus(1, ChronoUnit.MINUTES), hana);
        long elsewhere = ask("clar5", hana, null, "elsewhere").getLong("id");
        assertError(api.postJson(path, ADMIN, new JsonObject().put("reply_to", elsewhere).put("text", "?")),
                400, "unknown_reply_to");
        assertError(api.get(path + "/" + elsewhere, ADMIN), 404, "clarification_not_found");
        assertError(api.get(path + "/not-a-number", ADMIN), 404, "clarification_not_found");
        // an unanswered question is fine: the jury may leave it so
        assertFalse(item(list("clar4", ADMIN), q).getBoolean("answered"));
    }

    @Test
    void theStreamCarriesWhatEachReaderMaySeeFromAnyApiProcess() throws Exception {
        String ivan = user("cl_ivan");
        String jane = user("cl_jane");
        contest("clar6", Instant.now().minus(1, ChronoUnit.MINUTES), ivan, jane);
        // the readers listen on the other API process; everything is posted on the first one
        try (Events janes = Events.open(otherNode.port(), "clar6", jane);
             Events ivans = Events.open(otherNode.port(), "clar6", ivan);
             Events anonymous = Events.open(otherNode.port(), "clar6", null)) {
            long q = ask("clar6", ivan, "q-a", "Is 0 a valid n?").getLong("id");
            long privateAnswer = answer("clar6", q, false, "Read the statement.").getLong("id");

            Event asked = ivans.next();
            assertEquals(q, asked.json().getLong("id"));
            assertEquals("cl_ivan", asked.json().getString("from"));
            assertEquals(String.valueOf(q), asked.id());
            Event questionAgain = ivans.next();
            assertEquals(q, questionAgain.json().getLong("id"), "the question comes again, answered");
            assertTrue(questionAgain.json().getBoolean("answered"));
            assertNull(questionAgain.id(), "only the new clarification moves the client's last event id");
            Event answered = ivans.next();
            assertEquals(privateAnswer, answered.json().getLong("id"));
            assertEquals("Read the statement.", answered.json().getString("text"));

            long publicAnswer = answer("clar6", q, true, "No: n >= 1.").getLong("id");
            for (Events other : List.of(janes, anonymous)) {
                // the first event another reader gets is the question made public: neither the question while
                // private nor the private answer ever reached them
                Event question = other.next();
                assertEquals(q, question.json().getLong("id"));
                assertTrue(question.json().getBoolean("public"));
                assertNull(question.json().getValue("from"));
                assertEquals(new JsonArray().add(publicAnswer), question.json().getJsonArray("answers"));
                Event answer = other.next();
                assertEquals(publicAnswer, answer.json().getLong("id"));
                assertEquals("No: n >= 1.", answer.json().getString("text"));
            }
            ivans.next();
            assertEquals(publicAnswer, ivans.next().json().getLong("id"));

            long ann = post("clar6", ADMIN, new JsonObject().put("text", "Ten minutes left")).getLong("id");
            for (Events each : List.of(janes, ivans, anonymous)) {
                Event e = each.next();
                assertEquals(ann, e.json().getLong("id"));
                assertEquals("announcement", e.json().getString("kind"));
            }

            // a reader who missed events resumes where it left off, and sees only what it may
            try (Events resumed = Events.open(server.port(), "clar6?after=" + privateAnswer, jane)) {
                assertEquals(q, resumed.next().json().getLong("id"));
                assertEquals(publicAnswer, resumed.next().json().getLong("id"));
                assertEquals(ann, resumed.next().json().getLong("id"));
                long after = post("clar6", ADMIN, new JsonObject().put("text", "Five minutes left")).getLong("id");
                assertEquals(after, resumed.next().json().getLong("id"), "the replay hands over to the live feed");
            }
        }
    }

    @Test
    void aStreamStillGetsWhatWasPostedWhileItsProcessListenerWasCutOff() throws Exception {
        String kate = user("cl_kate");
        contest("clar7", Instant.now().minus(1, ChronoUnit.MINUTES), kate);
        try (Events kates = Events.open(otherNode.port(), "clar7", kate)) {
            long before = post("clar7", ADMIN, new JsonObject().put("text", "first")).getLong("id");
            assertEquals(before, kates.next().json().getLong("id"));
            // cut every API process's listening connection, as a restarted PostgreSQL or a proxy would
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
                 var q = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                         + " WHERE query = 'LISTEN clarifications' AND pid <> pg_backend_pid()");
                 var rs = q.executeQuery()) {
                rs.next();
                assertEquals(2, rs.getInt(1), "one listening connection per API process, whatever the streams");
            }
            long during = post("clar7", ADMIN, new JsonObject().put("text", "posted while nobody listened"))
                    .getLong("id");
            assertEquals(during, kates.next().json().getLong("id"), "caught up once the listener reconnected");
            long after = post("clar7", ADMIN, new JsonObject().put("text", "and live again")).getLong("id");
            assertEquals(after, kates.next().json().getLong("id"));
        }
    }

    @Test
    void anIdleStreamIsKeptOpenByAHeartbeatEveryFifteenSeconds() throws Exception {
        contest("clar8", Instant.now().plus(1, ChronoUnit.HOURS));
        try (Events idle = Events.open(server.port(), "clar8", null)) {
            long t0 = System.nanoTime();
            assertEquals(": heartbeat", idle.nextComment(25));
            long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            assertTrue(waited >= 10, "the first heartbeat came after " + waited + " s: not an idle-connection keeper");
        }
    }

    /** One server-sent event. */
    record Event(String id, String name, JsonObject json) {
    }

    /** An open event stream, read on its own thread so that a test waits for an event with a timeout. */
    static final class Events implements AutoCloseable {
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
        private final InputStream body;

        private Events(InputStream body) {
            this.body = body;
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Events open(int port, String contestAndQuery, String token) throws Exception {
            String[] parts = contestAndQuery.split("\\?", 2);
            String uri = "http://127.0.0.1:" + port + "/api/v1/contests/" + parts[0] + "/clarifications/stream"
                    + (parts.length > 1 ? "?" + parts[1] : "");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            return new Events(r.body());
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                String name = null;
                String data = null;
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            events.add(new Event(id, name, new JsonObject(data)));
                        }
                        id = null;
                        name = null;
                        data = null;
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data = line.substring(6);
                    } else if (line.startsWith(":")) {
                        comments.add(line);
                    }
                }
            } catch (Exception e) {
                // the stream was closed
            }
        }

        Event next() throws InterruptedException {
            Event e = events.poll(15, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no event within 15 s");
            }
            assertEquals("clarification", e.name());
            return e;
        }

        String nextComment(long seconds) throws InterruptedException {
            String c = comments.poll(seconds, TimeUnit.SECONDS);
            if (c == null) {
                throw new AssertionError("no comment line within " + seconds + " s");
            }
            return c;
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }
}
