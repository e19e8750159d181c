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
import java.util.ArrayList;
import java.util.List;
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
    private static String carolToken;

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
        // carol is registered for the running round but submits only once a test has the page open
        carolToken = post("/api/v1/users", ADMIN, "application/json",
                new JsonObject().put("handle", "web_carol").put("kind", "human").encode().getBytes()).getString("token");
        post("/api/v1/contests/webround/register", carolToken, "application/json", new byte[0]);
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
        int running = dom.indexOf(">Running</h2>");
        int upcoming = dom.indexOf(">Upcoming</h2>");
        assertTrue(running >= 0 && running < dom.indexOf(">Web Round</a>"), dom);
        assertTrue(dom.indexOf(">Web Round</a>") < upcoming && upcoming < dom.indexOf(">Later Round</a>"), dom);
        assertTrue(dom.contains("href=\"/contests/webround\""), dom);
        assertTrue(dom.indexOf(">Past</h2>") < dom.indexOf(">Rated One</a>"), "finalized contests are past: " + dom);
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
        // the live script (a file) that listens to the board's event stream
        assertTrue(dom.contains("<script src=\"/static/js/scoreboard.js\" defer=\"\"></script>"), dom);
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
    void theHomePageCountsDownToUpcomingAndRunningContestsAndListsPracticeProblems() throws Exception {
        try (DevTools browser = DevTools.open()) {
            load(browser, "/");
            String upcoming = "document.querySelector('#upcoming time.countdown').textContent";
            String first = browser.evaluate(upcoming);
            // "Later Round" starts in a day: the clock shows days and counts down by itself
            assertTrue(first.matches("(1 d |)\\d\\d:\\d\\d:\\d\\d"), first);
            browser.await(upcoming, t -> !t.equals(first), "the countdown to the start ticking");
            String running = browser.evaluate("document.querySelector('#running time.countdown').textContent");
            assertTrue(running.matches("0?1:\\d\\d:\\d\\d|00:\\d\\d:\\d\\d"), "about two hours left: " + running);
            assertEquals("Later Round", browser.evaluate("document.querySelector('#upcoming td a').textContent"));
            assertTrue(browser.evaluate("document.querySelector('#past').textContent").contains("Rated One"));
            // "sum" is in no contest: a practice problem; the contests' own problems are not (running / not started)
            String practice = browser.evaluate("Array.prototype.map.call(document.querySelectorAll('#practice td a'),"
                    + " function (a) { return a.getAttribute('href'); }).join(' ')");
            assertTrue((" " + practice + " ").contains(" /problems/sum "), practice);
            assertFalse(practice.contains("sum-later"), practice);
            assertFalse(practice.contains("sum-contest"), practice);
        }
    }

    @Test
    void theScoreboardMarksFirstSolvesHighlightsTheSignedInRowAndShowsAVerdictThatLandsLater() throws Exception {
        try (DevTools browser = DevTools.open()) {
            load(browser, "/contests/webround");
            // alice solved the contest's problem first: her cell carries the mark, and only hers
            assertEquals("1", browser.evaluate("String(document.querySelectorAll('tr[data-handle=\"web_alice\"] td.solved .first').length)"));
            assertEquals("1", browser.evaluate("String(document.querySelectorAll('#scoreboard .first').length)"));
            assertEquals("0", browser.evaluate("String(document.querySelectorAll('tr.me').length)"));
            signIn(browser, aliceToken);
            load(browser, "/contests/webround");
            browser.await("Array.prototype.map.call(document.querySelectorAll('tr.me'), function (tr) {"
                    + " return tr.getAttribute('data-handle'); }).join(',')", "web_alice"::equals, "alice's row highlighted");
            assertTrue(browser.evaluate("document.getElementById('mine').textContent").contains("rank 1"));
            browser.await("document.getElementById('live').textContent", t -> t.startsWith("Live"), "the stream open");
            browser.evaluate("window.sameDocument = true; true");
            String carol = "(function () { var tr = document.querySelector('tr[data-handle=\"web_carol\"]');"
                    + " return tr ? tr.cells[4].className : 'absent'; })()";
            assertFalse(browser.evaluate(carol).contains("solved"), browser.evaluate(carol));
            awaitDone(submitTo("webround", carolToken, Sources.AC));
            browser.await(carol, c -> c.contains("solved"), "carol's accepted try, without a reload");
            assertEquals("true", browser.evaluate("String(window.sameDocument === true)"), "the page was not reloaded");
            // the later solve is no first solve, and alice's row is still hers after the board changed
            assertEquals("1", browser.evaluate("String(document.querySelectorAll('#scoreboard .first').length)"));
            assertEquals("web_alice", browser.evaluate("document.querySelector('tr.me').getAttribute('data-handle')"));
        }
    }

    @Test
    void signedInContestantsAskAndReadClarificationsLive() throws Exception {
        try (DevTools browser = DevTools.open()) {
            load(browser, "/contests/webround");
            assertEquals("true", browser.evaluate("String(document.getElementById('clarifications').hidden)"),
                    "nothing to show to an anonymous reader yet");
            signIn(browser, aliceToken);
            load(browser, "/contests/webround");
            browser.await("String(!document.getElementById('ask').hidden)", "true"::equals, "the question form");
            browser.evaluate("document.getElementById('ask-text').value = 'Is the input <b>one</b> line?';"
                    + " document.getElementById('ask').requestSubmit(); true");
            browser.await("document.getElementById('clarification-list').textContent", t -> t.contains("Is the input <b>one</b> line?"),
                    "the question listed, as text");
            // an announcement made meanwhile arrives through the stream, without a reload
            browser.evaluate("window.sameDocument = true; true");
            post("/api/v1/contests/webround/clarifications", ADMIN, "application/json",
                    new JsonObject().put("text", "Problem A: the sum fits in 64 bits.").put("public", true).encode().getBytes());
            browser.await("document.getElementById('clarification-list').textContent",
                    t -> t.contains("Problem A: the sum fits in 64 bits."), "the announcement, live");
            assertEquals("true", browser.evaluate("String(window.sameDocument === true)"));
            assertTrue(browser.evaluate("document.querySelector('.kind-announcement .meta').textContent").contains("Announcement"));
        }
    }

    /** Every page: no serious accessibility violation (axe-core), and no sideways scrolling on a phone. */
    @Test
    void everyPageIsAccessibleAndFitsAPhone() throws Exception {
        List<String> pages = List.of("/", "/problems", "/contests/webround", "/contests/later", "/contests/rated1",
                "/leaderboard", "/leaderboard?kind=ai", "/users/web_alice", "/users/web_bob", "/submissions/" + accepted,
                "/submissions/" + compileError, "/users/nobody_here");
        List<String> failures = new ArrayList<>();
        try (DevTools browser = DevTools.open()) {
            for (boolean signedIn : new boolean[] {false, true}) {
                if (signedIn) {
                    signIn(browser, aliceToken);
                }
                failures.addAll(PageAudit.desktopAndPhone(browser, pages, signedIn ? " (signed in)" : "",
                        WebPagesBrowserTest::load));
            }
            // the sign-in box opened on a phone: its form stays on the screen
            browser.evaluate("cpjudge.signOut(); true");
            load(browser, "/");
            browser.evaluate("document.getElementById('signin-box').open = true; true");
            PageAudit.sideways(browser).ifPresent(widths ->
                    failures.add("/ with the sign-in box open: scrolls sideways at 390 px: " + widths));
            for (String v : Axe.seriousViolations(browser)) {
                failures.add("/ with the sign-in box open: " + v);
            }
        }
        assertEquals(List.of(), failures);
    }

    /** Opens the page and waits until it and its deferred scripts have run. */
    private static void load(DevTools browser, String path) throws Exception {
        String target = url(path);
        browser.navigate(target);
        browser.await("document.readyState === 'complete' && location.href === " + new JsonArray().add(target).encode()
                + "[0] ? 'loaded' : 'no'", "loaded"::equals, path + " loaded");
    }

    /** Signs in as a contestant would: the token pasted into the header's box. */
    private static void signIn(DevTools browser, String token) throws Exception {
        load(browser, "/leaderboard");
        browser.await("String(!document.getElementById('signin-box').hidden || !document.getElementById('signed-in').hidden)",
                "true"::equals, "the session box");
        browser.evaluate("cpjudge.signOut(); document.getElementById('signin-token').value = "
                + new JsonArray().add(token).encode() + "[0]; document.getElementById('signin').requestSubmit(); true");
        browser.await("document.getElementById('signed-in').hidden ? '' : 'in'", "in"::equals, "signed in");
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
