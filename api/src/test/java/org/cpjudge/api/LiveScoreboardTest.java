package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live board over HTTP and a real PostgreSQL, with no judge workers: verdicts are written straight into
 * the submissions table from another connection, as a worker in another process would, and must reach the
 * board (reads and the event stream) without a restart. Paging, around, ETag and 304, the jury's view behind
 * the freeze and unfreezing.
 */
class LiveScoreboardTest {

    private static final String ADMIN = "live-board-admin";

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static ApiClient api;
    private static TestDatabases.Credentials db;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 0, ADMIN, false));
        api = new ApiClient(server.port());
        for (String id : List.of("lb-a", "lb-b")) {
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

    private static Connection sql() throws Exception {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    private static String user(String handle, String kind) throws Exception {
        var r = api.postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", handle).put("kind", kind));
        assertEquals(201, r.status(), r.body());
        return r.json().getString("token");
    }

    /** A contest that started 100 minutes ago and runs 120, with the last {@code freeze} minutes frozen. */
    private static Instant contest(String id, int freeze, List<String> tokens) throws Exception {
        Instant start = Instant.now().minus(100, ChronoUnit.MINUTES);
        var created = api.postJson("/api/v1/contests", ADMIN, new JsonObject().put("id", id).put("name", id)
                .put("start", start.toString()).put("duration_minutes", 120).put("scoring", "icpc")
                .put("problems", new JsonArray().add("lb-a").add("lb-b")).put("freeze_minutes", freeze)
                .put("rated", false));
        assertEquals(201, created.status(), created.body());
        for (String token : tokens) {
            assertEquals(201, api.post("/api/v1/contests/" + id + "/register", token, "application/json", new byte[0]).status());
        }
        return start;
    }

    /** A submission written straight into the table, judged or not, at a minute of the contest. */
    private static UUID insert(String contest, String handle, String problem, Instant at, String verdict) throws Exception {
        try (Connection c = sql(); PreparedStatement q = c.prepareStatement("INSERT INTO submissions (user_id,"
                + " problem_id, language, files, contest_id, status, verdict, created_at)"
                + " SELECT id, ?, 'python3', '[]'::jsonb, ?, ?, ?, ? FROM users WHERE handle = ? RETURNING id")) {
            q.setString(1, problem);
            q.setString(2, contest);
            q.setString(3, verdict == null ? "queued" : "done");
            q.setString(4, verdict);
            q.setTimestamp(5, Timestamp.from(at));
            q.setString(6, handle);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return (UUID) rs.getObject(1);
            }
        }
    }

    /** What a worker in another process does when it finishes: one UPDATE, committed. */
    private static void judge(UUID id, String verdict) throws Exception {
        try (Connection c = sql(); PreparedStatement q = c.prepareStatement(
                "UPDATE submissions SET status = 'done', verdict = ?, judged_at = now() WHERE id = ?")) {
            q.setString(1, verdict);
            q.setObject(2, id);
            assertEquals(1, q.executeUpdate());
        }
    }

    private static JsonObject board(String path, String token) throws Exception {
        var r = api.get(path, token);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static JsonObject row(JsonObject board, String handle) {
        for (Object o : board.getJsonArray("rows")) {
            if (handle.equals(((JsonObject) o).getString("handle"))) {
                return (JsonObject) o;
            }
        }
        return null;
    }

    private static Instant minute(Instant start, int m) {
        return start.plus(Duration.ofMinutes(m)).plusSeconds(5);
    }

    @Test
    void pagesAroundAndTheWholeBoard() throws Exception {
        List<String> handles = List.of("pg_a", "pg_b", "pg_c", "pg_d", "pg_e");
        List<String> tokens = new java.util.ArrayList<>();
        for (String h : handles) {
            tokens.add(user(h, "human"));
        }
        Instant start = contest("paged", 0, tokens);
        // pg_a solves two, pg_b one early, pg_c one late, pg_d and pg_e nothing
        insert("paged", "pg_a", "lb-a", minute(start, 5), "AC");
        insert("paged", "pg_a", "lb-b", minute(start, 6), "AC");
        insert("paged", "pg_b", "lb-a", minute(start, 7), "AC");
        insert("paged", "pg_c", "lb-a", minute(start, 9), "AC");

        JsonObject whole = board("/api/v1/contests/paged/scoreboard", null);
        assertEquals(5, whole.getJsonArray("rows").size(), "without paging parameters: the whole board");
        assertEquals(5, whole.getInteger("total_rows"));
        assertNotNull(whole.getLong("version"));
        assertEquals(List.of("A", "B"), whole.getJsonArray("labels").getList());
        assertEquals(List.of(1, 2, 3, 4, 4), whole.getJsonArray("rows").stream()
                .map(o -> ((JsonObject) o).getInteger("rank")).toList());

        JsonObject page2 = board("/api/v1/contests/paged/scoreboard?page=2&per_page=2", null);
        assertEquals(2, page2.getInteger("page"));
        assertEquals(2, page2.getInteger("per_page"));
        assertEquals(5, page2.getInteger("total_rows"));
        assertEquals(List.of("pg_c", "pg_d"), page2.getJsonArray("rows").stream()
                .map(o -> ((JsonObject) o).getString("handle")).toList());

        JsonObject around = board("/api/v1/contests/paged/scoreboard?around=pg_e&per_page=2", null);
        assertEquals(3, around.getInteger("page"));
        assertEquals("pg_e", around.getJsonArray("rows").getJsonObject(0).getString("handle"));
        assertEquals(100, board("/api/v1/contests/paged/scoreboard?page=1", null).getInteger("per_page"),
                "the default page size");
        assertTrue(board("/api/v1/contests/paged/scoreboard?page=9&per_page=2", null).getJsonArray("rows").isEmpty());

        assertEquals(400, api.get("/api/v1/contests/paged/scoreboard?per_page=1001", null).status());
        assertEquals(400, api.get("/api/v1/contests/paged/scoreboard?page=0", null).status());
        assertEquals(404, api.get("/api/v1/contests/paged/scoreboard?around=nobody", null).status());
        assertEquals(404, api.get("/api/v1/contests/no-such/scoreboard", null).status());

        JsonObject cell = row(whole, "pg_a").getJsonArray("problems").getJsonObject(0);
        assertTrue(cell.getBoolean("first_solve"), "pg_a solved A first");
        assertFalse(row(whole, "pg_b").getJsonArray("problems").getJsonObject(0).getBoolean("first_solve"));
    }

    @Test
    void anUnchangedBoardAnswers304AndAChangedOneANewEtag() throws Exception {
        String token = user("etag_a", "human");
        Instant start = contest("etag", 0, List.of(token));
        UUID id = insert("etag", "etag_a", "lb-a", minute(start, 3), null);
        String path = "/api/v1/contests/etag/scoreboard?page=1&per_page=10";
        var first = api.get(path, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        var again = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertNotEquals(etag, api.get("/api/v1/contests/etag/scoreboard", null).headers().firstValue("ETag").orElseThrow(),
                "the whole board and a page are different bodies");

        judge(id, "AC"); // by another connection, as a worker elsewhere would
        var changed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, changed.statusCode(), "the verdict changed the board");
        assertNotEquals(etag, changed.headers().firstValue("ETag").orElseThrow());
        assertEquals(1, row(new JsonObject(changed.body()), "etag_a").getInteger("solved"));
    }

    @Test
    void theFreezeHidesLateVerdictsFromThePublicButNotFromTheJuryUntilUnfrozen() throws Exception {
        String alice = user("fz_alice", "human");
        String bob = user("fz_bob", "human");
        Instant start = contest("frozen", 30, List.of(alice, bob)); // frozen since minute 90; now is minute 100
        insert("frozen", "fz_alice", "lb-a", minute(start, 20), "AC");
        insert("frozen", "fz_bob", "lb-a", minute(start, 95), "AC");
        insert("frozen", "fz_bob", "lb-b", minute(start, 96), "WA");

        JsonObject open = board("/api/v1/contests/frozen/scoreboard", null);
        assertTrue(open.getBoolean("frozen"));
        JsonObject hidden = row(open, "fz_bob");
        assertEquals(0, hidden.getInteger("solved"));
        assertEquals(1, hidden.getJsonArray("problems").getJsonObject(0).getInteger("pending"));
        assertEquals(1, hidden.getJsonArray("problems").getJsonObject(1).getInteger("pending"));
        assertNull(hidden.getJsonArray("problems").getJsonObject(0).getValue("time_minutes"));

        assertEquals(401, api.get("/api/v1/contests/frozen/scoreboard?view=jury", null).status());
        assertEquals(403, api.get("/api/v1/contests/frozen/scoreboard?view=jury", alice).status());
        JsonObject jury = board("/api/v1/contests/frozen/scoreboard?view=jury", ADMIN);
        assertFalse(jury.getBoolean("frozen"));
        assertEquals(1, row(jury, "fz_bob").getInteger("solved"));
        assertEquals(95L, row(jury, "fz_bob").getJsonArray("problems").getJsonObject(0).getLong("time_minutes"));
        assertNotEquals(api.get("/api/v1/contests/frozen/scoreboard", null).headers().firstValue("ETag"),
                api.get("/api/v1/contests/frozen/scoreboard?view=jury", ADMIN).headers().firstValue("ETag"));

        assertEquals(200, api.post("/api/v1/contests/frozen/unfreeze", ADMIN, "application/json", new byte[0]).status());
        JsonObject revealed = board("/api/v1/contests/frozen/scoreboard", null);
        assertFalse(revealed.getBoolean("frozen"));
        assertEquals(1, row(revealed, "fz_bob").getInteger("solved"));
        assertEquals(0, row(revealed, "fz_bob").getJsonArray("problems").getJsonObject(0).getInteger("pending"));
    }

    @Test
    void aRegistrationAfterTheFirstReadIsOnTheBoard() throws Exception {
        String first = user("rg_first", "human");
        contest("registered", 0, List.of(first));
        assertEquals(1, board("/api/v1/contests/registered/scoreboard", null).getJsonArray("rows").size());
        String late = user("rg_late", "ai");
        assertEquals(201, api.post("/api/v1/contests/registered/register", late, "application/json",
                new JsonObject().put("display_name", "Late Model").encode().getBytes()).status());
        JsonObject board = board("/api/v1/contests/registered/scoreboard", null);
        assertEquals(2, board.getJsonArray("rows").size());
        assertEquals("Late Model", row(board, "rg_late").getString("display_name"));
    }

    /**
     * The stream: the whole board first, then, when a verdict is written by another connection (nobody reads
     * the board over HTTP meanwhile), a rows event holding only the changed contestants.
     */
    @Test
    void theStreamSendsTheBoardThenOnlyTheRowsAVerdictChanged() throws Exception {
        String alice = user("st_alice", "human");
        String bob = user("st_bob", "human");
        String carl = user("st_carl", "human");
        Instant start = contest("streamed", 0, List.of(alice, bob, carl));
        insert("streamed", "st_alice", "lb-a", minute(start, 10), "AC");
        UUID pending = insert("streamed", "st_carl", "lb-b", minute(start, 20), null);

        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/v1/contests/streamed/scoreboard/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        BlockingQueue<String[]> events = new ArrayBlockingQueue<>(100);
        Thread reader = new Thread(() -> readEvents(r.body(), events));
        reader.setDaemon(true);
        reader.start();
        try {
            String[] first = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(first);
            assertEquals("scoreboard", first[0]);
            JsonObject whole = new JsonObject(first[1]);
            assertEquals(3, whole.getJsonArray("rows").size());
            long version = whole.getLong("version");

            judge(pending, "AC");
            String[] change = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(change, "no event after the verdict");
            assertEquals("rows", change[0], change[1]);
            JsonObject rows = new JsonObject(change[1]);
            assertEquals(version, rows.getLong("previous_version"));
            assertTrue(rows.getLong("version") > version);
            JsonArray changed = rows.getJsonArray("rows");
            assertEquals(1, changed.size(), "only carl's row changed in content: " + change[1]);
            assertEquals("st_carl", changed.getJsonObject(0).getString("handle"));
            assertEquals(1, changed.getJsonObject(0).getInteger("solved"));
            assertEquals(2, changed.getJsonObject(0).getInteger("rank"), "20 minutes of penalty against alice's 10");
            // bob fell from a shared second place to third: the row at position 1 of the last version moved by one
            assertEquals(new JsonArray().add(new JsonArray().add(1).add(1).add(1)), rows.getJsonArray("shifts"));
            assertEquals(new JsonArray(), rows.getJsonArray("rejudged"), "a first verdict is no rejudge");

            // a rejudge puts carl's accepted try back in the queue: carl is told, and the cell is pending again
            try (Connection c = sql(); PreparedStatement q = c.prepareStatement(
                    "UPDATE submissions SET status = 'queued', verdict = NULL, judged_at = NULL WHERE id = ?")) {
                q.setObject(1, pending);
                assertEquals(1, q.executeUpdate());
            }
            String[] reset = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(reset, "no event after the rejudge");
            JsonObject again = new JsonObject(reset[1]);
            assertEquals(new JsonArray().add("st_carl"), again.getJsonArray("rejudged"), reset[1]);
            assertEquals(0, again.getJsonArray("rows").getJsonObject(0).getInteger("solved"));
        } finally {
            r.body().close();
        }
    }

    /**
     * The page in a real browser: a verdict written by another connection moves the contestant's row to the
     * top, applied in place from the rows event (the board element the page loaded is still there: it was
     * not fetched again).
     */
    @Test
    void thePageAppliesARowsEventInPlace() throws Exception {
        String alice = user("pl_alice", "human");
        String bob = user("pl_bob", "human");
        Instant start = contest("pagelive", 0, List.of(alice, bob));
        insert("pagelive", "pl_alice", "lb-a", minute(start, 5), "WA");
        insert("pagelive", "pl_alice", "lb-a", minute(start, 30), "AC");   // 30 + 20 = 50 minutes
        UUID bobs = insert("pagelive", "pl_bob", "lb-a", minute(start, 20), null);
        try (org.cpjudge.api.web.DevTools browser = org.cpjudge.api.web.DevTools.open()) {
            browser.navigate("http://127.0.0.1:" + server.port() + "/contests/pagelive");
            String firstRow = "document.querySelector('#scoreboard tbody tr') && "
                    + "document.querySelector('#scoreboard tbody tr').getAttribute('data-handle')";
            assertEquals("pl_alice", browser.await(firstRow, v -> !v.isEmpty() && !v.equals("null"), "the board"));
            // the stream's first event (the whole board) makes the page fetch itself once: wait for that to be
            // done, then mark the board element
            browser.await("document.getElementById('live').textContent", v -> v.startsWith("Live: updated"),
                    "the page refreshed from the stream's first event");
            browser.evaluate("document.getElementById('scoreboard').setAttribute('data-mark', 'loaded')");
            String bobCell = "document.querySelector('#scoreboard tr[data-handle=\"pl_bob\"] td.cell').textContent";
            assertTrue(browser.evaluate(bobCell).startsWith("\u2212") || browser.evaluate(bobCell).contains("pending")
                    || browser.evaluate(bobCell).contains("?"), browser.evaluate(bobCell));

            judge(bobs, "AC");
            assertEquals("pl_bob", browser.await(firstRow, "pl_bob"::equals, "bob's row moved up"));
            assertTrue(browser.evaluate(bobCell).startsWith("+"), browser.evaluate(bobCell));
            assertTrue(browser.evaluate(bobCell).contains("\u2605"), "bob's is now the first solve: " + browser.evaluate(bobCell));
            assertEquals("1", browser.evaluate("document.querySelector('#scoreboard tbody tr td').textContent"));
            assertEquals("loaded", browser.evaluate("document.getElementById('scoreboard').getAttribute('data-mark')"),
                    "the change was applied in place, not by fetching the page again");
        }
    }

    /** Events as [name, data]; comments and other fields are skipped. */
    private static void readEvents(InputStream in, BlockingQueue<String[]> events) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (name != null) {
                        events.add(new String[] {name, data.toString()});
                    }
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (Exception e) {
            // the test closed the stream
        }
    }
}
