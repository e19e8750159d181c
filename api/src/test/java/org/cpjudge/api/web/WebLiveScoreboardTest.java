package org.cpjudge.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live scoreboard over a scoreboard the test changes at will: the event stream sends each new board once,
 * and the page in a real browser shows a new verdict without being reloaded.
 */
class WebLiveScoreboardTest {

    private static Vertx vertx;
    private static int port;
    private static final AtomicReference<JsonObject> board = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        board.set(scoreboard(false));
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        JsonObject contest = new JsonObject().put("id", "live1").put("name", "Live Round").put("scoring", "icpc")
                .put("start", "2026-01-01T10:00:00Z").put("duration_minutes", 120).put("problems", new JsonArray().add("sum"));
        // a short poll and heartbeat so the test sees both soon; production polls every second
        new WebRoutes(vertx)
                .contests(id -> id.equals("live1") ? Optional.of(contest) : Optional.empty())
                .scoreboards(id -> id.equals("live1") ? Optional.of(board.get()) : Optional.empty())
                .streamTiming(100, 300)
                .mount(router);
        port = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS).actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static JsonObject scoreboard(boolean solved) {
        JsonObject cell = new JsonObject().put("problem", "sum").put("solved", solved).put("attempts", solved ? 2 : 1)
                .put("time_minutes", solved ? 42 : null).put("score", solved ? 1 : 0);
        return new JsonObject().put("contest", "live1").put("frozen", false).put("rows", new JsonArray()
                .add(new JsonObject().put("rank", 1).put("handle", "alice").put("kind", "human")
                        .put("solved", solved ? 1 : 0).put("penalty", solved ? 62 : 0).put("score", solved ? 1 : 0)
                        .put("problems", new JsonArray().add(cell))));
    }

    @Test
    void theStreamSendsEachNewBoardOnceAndKeepsTheConnectionAlive() throws Exception {
        board.set(scoreboard(false));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/contests/live1/scoreboard/stream")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), r.headers().toString());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertEquals(scoreboard(false), nextScoreboard(events, false));
            // nothing changed: the stream stays quiet but for heartbeat comments
            assertTrue(nextLineStartingWith(events, ":").startsWith(": heartbeat"));
            board.set(scoreboard(true));
            assertEquals(scoreboard(true), nextScoreboard(events, true));
        }
    }

    @Test
    void anUnknownContestHasNoStream() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/contests/nope/scoreboard/stream")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
        assertEquals("contest_not_found", new JsonObject(r.body()).getJsonObject("error").getString("code"));
    }

    @Test
    void thePageShowsANewVerdictWithoutBeingReloaded() throws Exception {
        board.set(scoreboard(false));
        try (DevTools browser = DevTools.open()) {
            browser.navigate("http://127.0.0.1:" + port + "/contests/live1");
            String cell = "document.querySelector('#scoreboard tbody td.cell') && "
                    + "document.querySelector('#scoreboard tbody td.cell').textContent";
            assertEquals("−1", browser.await(cell, v -> !v.isEmpty(), "the rejected try"));
            // the page marks itself so that a reload would be noticed: a fresh page would not carry the mark
            browser.evaluate("window.sameDocument = 'yes'");
            browser.await("document.getElementById('live').className", "live on"::equals, "the stream connected");
            board.set(scoreboard(true));
            assertEquals("+142", browser.await(cell, v -> v.startsWith("+"), "the accepted verdict"));
            assertEquals("yes", browser.evaluate("window.sameDocument"), "the page was reloaded instead of updated");
            assertEquals("62", browser.evaluate("document.querySelectorAll('#scoreboard tbody td')[3].textContent"));
        }
    }

    /** Reads events until one named scoreboard arrives, skipping comments (and, if asked, stale boards). */
    private static JsonObject nextScoreboard(BufferedReader events, boolean skipStale) throws Exception {
        while (true) {
            String line = nextLineStartingWith(events, "event:");
            assertEquals("event: scoreboard", line);
            String data = events.readLine();
            assertTrue(data.startsWith("data: "), data);
            JsonObject json = new JsonObject(data.substring("data: ".length()));
            if (!skipStale || json.equals(board.get())) {
                return json;
            }
        }
    }

    private static String nextLineStartingWith(BufferedReader events, String prefix) throws Exception {
        String line;
        while ((line = events.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the stream ended before a line starting with " + prefix);
    }
}
