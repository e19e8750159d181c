package org.cpjudge.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.cpjudge.api.JudgeServer;
import org.cpjudge.api.TestDatabaseAccess;
import org.cpjudge.api.Zips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages of a real server on a real PostgreSQL, with submissions really judged, as headless chromium
 * renders them. Screenshots land in target/web-screenshots for a person to look at.
 */
class WebPagesBrowserTest {

    private static final String ADMIN = "web-admin-token";
    private static final Path SCREENSHOTS = Path.of("target", "web-screenshots");

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String accepted;
    private static String compileError;
    private static String aliceToken;

    /** Sum in C, right and wrong. */
    private static final class Sources {
        static final String AC = """
                #include <stdio.h>
                int main(void) { long long a, b; scanf("%lld %lld", &a, &b); printf("%lld\\n", a + b); return 0; }
                """;
        static final String WA = "int main(void) { return 0; }\n";
    }

    @BeforeAll
    static void start() throws Exception {
        server = TestDatabaseAccess.startServer(dataDir, 1, ADMIN);
        // the name is free text: the profile must show it as text
        String token = post("/api/v1/users", ADMIN, "application/json", new JsonObject().put("handle", "web_alice")
                .put("kind", "human").put("name", "<i id=\"named\">Alice</i>").encode().getBytes()).getString("token");
        aliceToken = token;
        String bob = post("/api/v1/users", ADMIN, "application/json",
                new JsonObject().put("handle", "web_bob").put("kind", "ai").encode().getBytes()).getString("token");
        // practice on "sum"; the contests have problems of their own (a running contest's problem is no practice
        // problem, an upcoming contest's does not exist yet)
        for (String id : new String[] {"sum", "sum-contest", "sum-later"}) {
            post("/api/v1/problems?id=" + id, ADMIN, "application/zip", Zips.of(Zips.resource("packages/sum")));
        }
        // webround keeps running for the scoreboard; rated1 is finalized for ratings
        for (String id : new String[] {"webround", "rated1"}) {
            post("/api/v1/contests", ADMIN, "application/json", new JsonObject().put("id", id)
                    .put("name", id.equals("webround") ? "Web Round" : "Rated One")
                    .put("start", Instant.now().minus(1, ChronoUnit.MINUTES).toString()).put("duration_minutes", 120)
                    .put("scoring", "icpc").put("problems", new JsonArray().add("sum-contest")).put("rated", true)
                    .encode().getBytes());
        }
        post("/api/v1/contests", ADMIN, "application/json", new JsonObject().put("id", "later").put("name", "Later Round")
                .put("start", Instant.now().plus(1, ChronoUnit.DAYS).toString()).put("duration_minutes", 90)
                .put("problems", new JsonArray().add("sum-later")).encode().getBytes());
        for (String t : new String[] {token, bob}) {
            post("/api/v1/contests/webround/register", t, "application/json", new byte[0]);
            post("/api/v1/contests/rated1/register", t, "application/json", new byte[0]);
        }
        accepted = submit(token, "sum.c", Sources.AC);
        // the compiler quotes the failing line, markup and all: the page must show it as text
        compileError = submit(token, "sum.c", "int main(void) { return nothing; } /* <b id=\"injected\">bold</b> */\n");
        awaitDone(accepted);
        awaitDone(compileError);
        for (String id : new String[] {submitTo("webround", token, Sources.AC), submitTo("webround", bob, Sources.WA),
                submitTo("rated1", token, Sources.AC), submitTo("rated1", bob, Sources.WA)}) {
            awaitDone(id);
        }
        post("/api/v1/contests/rated1/finalize", ADMIN, "application/json", new byte[0]);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anAcceptedSubmissionShowsItsVerdictAndEveryTest() throws Exception {
        String dom = Chromium.dumpDom(url("/submissions/" + accepted));
        assertTrue(dom.contains("class=\"verdict verdict-AC\""), dom);
        assertTrue(dom.contains("Accepted"), dom);
        assertTrue(dom.contains(">web_alice</a>"), dom);
        assertEquals(4, count(dom, "<td class=\"verdict verdict-AC\">AC</td>"), "one row per test: " + dom);
        Chromium.screenshot(url("/submissions/" + accepted), SCREENSHOTS.resolve("submission-ac.png"));
    }

    @Test
    void compilerOutputIsShownAsTextNotMarkup() throws Exception {
        String dom = Chromium.dumpDom(url("/submissions/" + compileError));
        assertTrue(dom.contains("verdict-CE"), dom);
        assertTrue(dom.contains("&lt;b id=\"injected\"&gt;bold&lt;/b&gt;"), "the markup appears as text: " + dom);
        assertFalse(dom.contains("<b id=\"injected\">"), "the markup became an element: " + dom);
        Chromium.screenshot(url("/submissions/" + compileError), SCREENSHOTS.resolve("submission-ce.png"));
    }

    @Test
    void unknownSubmissionsAreAnHtmlNotFoundPage() throws Exception {
        for (String id : new String[] {UUID.randomUUID().toString(), "not-a-uuid"}) {
            HttpResponse<String> r = get("/submissions/" + id);
            assertEquals(404, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
            assertTrue(Chromium.dumpDom(url("/submissions/" + id)).contains("<h1>Not found</h1>"));
        }
        // the JSON API keeps answering JSON errors
        HttpResponse<String> api = get("/api/v1/no-such-endpoint");
        assertEquals(404, api.statusCode());
        assertEquals("not_found", new JsonObject(api.body()).getJsonObject("error").getString("code"));
    }

    @Test
    void theContestsPageListsRunningAndUpcomingContests() throws Exception {
        String dom = Chromium.dumpDom(url("/"));
        int running = dom.indexOf("<h2>Running</h2>");
        int upcoming = dom.indexOf("<h2>Upcoming</h2>");
        assertTrue(running >= 0 && running < dom.indexOf(">Web Round</a>"), dom);
        assertTrue(dom.indexOf(">Web Round</a>") < upcoming && upcoming < dom.indexOf(">Later Round</a>"), dom);
        assertTrue(dom.contains("href=\"/contests/webround\""), dom);
        assertTrue(dom.indexOf("<h2>Past</h2>") < dom.indexOf(">Rated One</a>"), "finalized contests are past: " + dom);
        Chromium.screenshot(url("/"), SCREENSHOTS.resolve("contests.png"));
    }

    @Test
    void theScoreboardPageShowsTheStandingsAndListensForChanges() throws Exception {
        String dom = Chromium.dumpDom(url("/contests/webround"));
        assertTrue(dom.contains("<h1>Web Round</h1>"), dom);
        int alice = dom.indexOf(">web_alice</a>");
        int bob = dom.indexOf(">web_bob</a>");
        assertTrue(alice > 0 && bob > alice, "the solver ranks first: " + dom);
        assertTrue(dom.contains("<td class=\"cell solved\">+<small>"), dom);
        assertTrue(dom.contains("<td class=\"cell failed\">−1</td>"), dom);
        assertTrue(dom.contains("new EventSource("), dom);
        Chromium.screenshot(url("/contests/webround"), SCREENSHOTS.resolve("scoreboard.png"));
        HttpResponse<String> unknown = get("/contests/nope");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("<h1>Not found</h1>"), unknown.body());
    }

    @Test
    void afterARatedContestTheLeaderboardAndProfileShowRatings() throws Exception {
        String board = Chromium.dumpDom(url("/leaderboard"));
        int alice = board.indexOf(">web_alice</a>");
        assertTrue(alice > 0 && board.indexOf(">web_bob</a>") > alice, board);
        assertTrue(Chromium.dumpDom(url("/leaderboard?kind=ai")).contains(">web_bob</a>"));
        assertFalse(Chromium.dumpDom(url("/leaderboard?kind=ai")).contains(">web_alice</a>"));
        Chromium.screenshot(url("/leaderboard"), SCREENSHOTS.resolve("leaderboard.png"));

        String profile = Chromium.dumpDom(url("/users/web_alice"));
        assertTrue(profile.contains("<svg class=\"rating-graph\""), profile);
        assertEquals(1, count(profile, "<circle "), "one point per rated contest: " + profile);
        assertTrue(profile.contains("&lt;i id=\"named\"&gt;Alice&lt;/i&gt;"), "the name appears as text: " + profile);
        assertFalse(profile.contains("<i id=\"named\">"), profile);
        Chromium.screenshot(url("/users/web_alice"), SCREENSHOTS.resolve("profile.png"));
        assertEquals(404, get("/users/nobody_here").statusCode());
    }

    @Test
    void theStylesheetIsServedByTheJudgeItself() throws Exception {
        HttpResponse<String> r = get(WebRoutes.STYLESHEET);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertTrue(r.body().contains(".title-legendary-grandmaster"), r.body());
    }

    @Test
    void aPastedTokenSignsInAndShowsTheHandleUntilSignedOut() throws Exception {
        try (DevTools browser = DevTools.open()) {
            browser.navigate(url("/leaderboard"));
            browser.await("document.getElementById('session') && !document.getElementById('session').hidden"
                    + " && !document.getElementById('signin-box').hidden", "true"::equals, "the sign-in box");
            // a wrong token is refused with a message, and nothing is kept
            browser.evaluate("document.getElementById('signin-token').value = 'not-a-token';"
                    + " document.getElementById('signin').requestSubmit(); true");
            browser.await("document.getElementById('signin-error').hidden ? '' : document.getElementById('signin-error').textContent",
                    t -> t.contains("not known"), "the refusal of an unknown token");
            assertEquals("none", browser.evaluate("localStorage.getItem('cpjudge.token') || 'none'"));
            browser.evaluate("document.getElementById('signin-token').value = '" + aliceToken + "';"
                    + " document.getElementById('signin').requestSubmit(); true");
            browser.await("document.getElementById('signed-in').hidden ? '' : document.getElementById('session-handle').textContent",
                    "web_alice"::equals, "the signed-in handle");
            // another page knows the user at once, and the API helper sends the token
            browser.navigate(url("/"));
            browser.await("document.getElementById('session-handle') && !document.getElementById('signed-in').hidden"
                    + " ? document.getElementById('session-handle').textContent : ''", "web_alice"::equals,
                    "the handle after moving to another page");
            browser.evaluate("window.probe = null; cpjudge.apiJson('/api/v1/users/me').then(function (me) {"
                    + " window.probe = me.handle + '/' + me.role; }); true");
            browser.await("window.probe", p -> p.startsWith("web_alice/"), "the API called with the token");
            browser.evaluate("document.getElementById('signout').click(); true");
            browser.await("document.getElementById('signin-box').hidden ? 'in' : 'out'", "out"::equals, "signed out");
            assertEquals("none", browser.evaluate("localStorage.getItem('cpjudge.token') || 'none'"));
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject post(String path, String token, String contentType, byte[] body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, path + ": " + r.statusCode() + " " + r.body());
        return new JsonObject(r.body());
    }

    private static String submit(String token, String file, String source) throws Exception {
        JsonObject body = new JsonObject().put("problem", "sum").put("language", "c").put("files",
                new JsonArray().add(new JsonObject().put("name", file).put("content", source)));
        return post("/api/v1/submissions", token, "application/json", body.encode().getBytes()).getString("id");
    }

    private static String submitTo(String contest, String token, String source) throws Exception {
        JsonObject body = new JsonObject().put("problem", "sum-contest").put("language", "c").put("contest", contest).put("files",
                new JsonArray().add(new JsonObject().put("name", "sum.c").put("content", source)));
        return post("/api/v1/submissions", token, "application/json", body.encode().getBytes()).getString("id");
    }

    private static void awaitDone(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            // as an administrator: a running contest's submissions are hidden from anonymous readers
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/submissions/" + id)))
                    .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
            if ("done".equals(new JsonObject(r.body()).getString("status"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("submission " + id + " was not judged within 5 minutes");
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
