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
import org.cpjudge.api.JudgeServer;
import org.cpjudge.api.TestDatabaseAccess;
import org.cpjudge.api.Zips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statement pages of a real server, as headless chromium shows them: math typeset by KaTeX from the jar
 * (under the pages' Content-Security-Policy), the statement's languages, samples, the PDF-only statement, the
 * access policy's 404, and a submission made from the page's form that gets its verdict on the submission page.
 */
class StatementPageTest {

    private static final String ADMIN = "statement-admin-token";
    private static final Path SCREENSHOTS = Path.of("target", "web-screenshots");
    private static final String AC = """
            #include <stdio.h>
            int main(void) { long long a, b; scanf("%lld %lld", &a, &b); printf("%lld\\n", a + b); return 0; }
            """;

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String alice;

    @BeforeAll
    static void start() throws Exception {
        server = TestDatabaseAccess.startServer(dataDir, 1, ADMIN);
        alice = post("/api/v1/users", ADMIN, new JsonObject().put("handle", "st_alice").put("kind", "human"))
                .getString("token");
        for (String id : new String[] {"mathsum", "mathsum-live", "mathsum-later", "mathsum-private"}) {
            postZip("/api/v1/problems?id=" + id, Zips.of(Zips.resource("packages/mathsum")));
        }
        postZip("/api/v1/problems?id=pdfsum", Zips.of(Zips.resource("packages/pdfsum")));
        post("/api/v1/contests", ADMIN, new JsonObject().put("id", "st-live").put("name", "Statement Live")
                .put("start", Instant.now().minus(1, ChronoUnit.MINUTES).toString()).put("duration_minutes", 120)
                .put("scoring", "icpc").put("problems", new JsonArray().add("mathsum-live")));
        post("/api/v1/contests", ADMIN, new JsonObject().put("id", "st-later").put("name", "Statement Later")
                .put("start", Instant.now().plus(1, ChronoUnit.DAYS).toString()).put("duration_minutes", 60)
                .put("problems", new JsonArray().add("mathsum-later")));
        post("/api/v1/contests/st-live/register", alice, new JsonObject());
        post("/api/v1/contests", ADMIN, new JsonObject().put("id", "st-private").put("name", "Statement Private")
                .put("start", Instant.now().minus(1, ChronoUnit.MINUTES).toString()).put("duration_minutes", 120)
                .put("visibility", "private").put("problems", new JsonArray().add("mathsum-private")));
        post("/api/v1/contests/st-private/register", ADMIN, new JsonObject().put("handle", "st_alice"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void mathIsTypesetByKatexServedFromTheJar() throws Exception {
        try (DevTools browser = DevTools.open()) {
            browser.navigate(url("/problems/mathsum"));
            browser.await("document.documentElement.getAttribute('data-math') || ''", "typeset"::equals, "math typeset");
            int typeset = Integer.parseInt(browser.evaluate("document.querySelectorAll('.statement .math .katex').length"));
            int math = Integer.parseInt(browser.evaluate("document.querySelectorAll('.statement .math').length"));
            assertTrue(typeset >= 8 && typeset == math, "every piece of math typeset: " + typeset + " of " + math);
            assertEquals("1", browser.evaluate("document.querySelectorAll('.statement .katex-display').length"));
            // KaTeX sizes its boxes through element.style: the policy must let that through, and its fonts load
            assertEquals("true", browser.evaluate("Array.from(document.querySelectorAll('.statement .katex .vlist'))"
                    + ".some(function (e) { return e.style.height !== ''; })"));
            browser.await("document.fonts.status === 'loaded' && Array.from(document.fonts).some(function (f) {"
                    + " return f.family.indexOf('KaTeX') >= 0 && f.status === 'loaded'; }) ? 'yes' : 'no'",
                    "yes"::equals, "a KaTeX font loaded");
            // the statement's stars inside math are no emphasis, and its markup is text
            assertEquals("0", browser.evaluate("document.querySelectorAll('.statement em').length"));
            assertEquals("Sum With Math · cpjudge", browser.evaluate("document.title"));
            assertTrue(browser.evaluate("document.getElementById('statement').textContent")
                    .contains("<script>document.title = 'injected'</script>"));
            assertEquals("0", browser.evaluate("document.querySelectorAll('.statement script').length"));
            assertEquals("true", browser.evaluate("document.querySelector('.statement img').complete"
                    + " && document.querySelector('.statement img').naturalWidth > 0"));
            assertEquals("2", browser.evaluate("document.querySelectorAll('.statement table tbody tr').length"));
            assertEquals("1 2\n|3\n", browser.evaluate("Array.from(document.querySelectorAll('table.sample pre'))"
                    + ".map(function (p) { return p.textContent; }).join('|')"));
        }
        Chromium.screenshot(url("/problems/mathsum"), SCREENSHOTS.resolve("statement.png"));
    }

    @Test
    void theLanguagePickerShowsTheOtherEdition() throws Exception {
        String english = Chromium.dumpDom(url("/problems/mathsum"));
        assertTrue(english.contains("<h1>Sum With Math</h1>"), english);
        assertTrue(english.contains("href=\"/problems/mathsum?lang=sv\""), english);
        assertTrue(english.contains("Time limit <strong>1 s</strong>"), english);
        assertTrue(english.contains("Memory limit <strong>256 MB</strong>"), english);
        String swedish = Chromium.dumpDom(url("/problems/mathsum?lang=sv"));
        assertTrue(swedish.contains("<h1>Summa med matte</h1>"), swedish);
        assertTrue(swedish.contains("<em>summan</em>"), swedish);
        assertTrue(swedish.contains("<h2>Indata</h2>"), swedish);
        assertTrue(swedish.contains("lang=\"sv\""), swedish);
        // a language the statement is not written in falls back to English
        assertTrue(Chromium.dumpDom(url("/problems/mathsum?lang=fi")).contains("<h1>Sum With Math</h1>"));
    }

    @Test
    void aPdfStatementIsLinked() throws Exception {
        String dom = Chromium.dumpDom(url("/problems/pdfsum"));
        assertTrue(dom.contains("href=\"/api/v1/problems/pdfsum/statement/problem.pdf\""), dom);
        assertFalse(dom.contains("katex"), "no math, no KaTeX: " + dom);
        HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/problems/pdfsum/statement/problem.pdf")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void theAccessPolicyDecidesWhoSeesTheStatement() throws Exception {
        // a problem of a contest not started yet does not exist for anyone but administrators
        HttpResponse<String> later = get("/problems/mathsum-later");
        assertEquals(404, later.statusCode());
        assertFalse(later.body().contains("Sum With Math"), later.body());
        assertEquals(404, get("/api/v1/problems/mathsum-later").statusCode());
        assertEquals(404, get("/problems/no-such-problem").statusCode());
        // a running public contest's problem is read by all and offered for submission in its contest only
        String live = Chromium.dumpDom(url("/problems/mathsum-live?contest=st-live"));
        assertTrue(live.contains("<option value=\"st-live\" selected=\"\">Statement Live (problem A)</option>"), live);
        assertFalse(live.contains(">Practice</option>"), live);
        String practice = Chromium.dumpDom(url("/problems/mathsum"));
        assertTrue(practice.contains("<option value=\"\">Practice</option>"), practice);
    }

    @Test
    void aSubmissionFromTheFormGetsItsVerdictOnItsPage() throws Exception {
        try (DevTools browser = DevTools.open()) {
            browser.navigate(url("/problems/mathsum"));
            browser.await("document.readyState", "complete"::equals, "the page loaded");
            // signed out: no form, an invitation to sign in
            browser.await("document.getElementById('submit').hidden ? 'hidden' : 'shown'", "shown"::equals, "the section");
            assertEquals("true", browser.evaluate("document.getElementById('submit-form').hidden"));
            browser.evaluate("localStorage.setItem('cpjudge.token', " + JsonObject.of("t", alice).encode() + ".t); true");
            browser.navigate(url("/problems/mathsum"));
            browser.await("(function () { var f = document.getElementById('submit-form');"
                    + " return f && !f.hidden && f.getAttribute('data-ready') === 'true' ? 'ready' : ''; })()",
                    "ready"::equals, "the submit form with its languages");
            browser.evaluate("document.getElementById('submit-language').value = 'c';"
                    + " document.getElementById('submit-source').value = " + JsonObject.of("s", AC).encode() + ".s;"
                    + " document.getElementById('submit-button').click(); true");
            String path = browser.await("location.pathname", p -> p.startsWith("/submissions/"), "the submission page");
            browser.await("(document.getElementById('verdict') || {}).textContent || ''", "AC"::equals, "the verdict AC");
            // the page an anonymous reader gets, plus its source for its author, fetched with their token
            assertEquals(200, get(path).statusCode());
            assertFalse(get(path).body().contains("int main"), "the server's page holds no source");
            browser.await("(document.querySelector('#source pre') || {}).textContent || ''", AC::equals, "the source");
            String id = path.substring("/submissions/".length());
            JsonObject judged = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/submissions/" + id)))
                    .header("Authorization", "Bearer " + alice).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("mathsum", judged.getString("problem"));
            assertEquals("st_alice", judged.getString("handle"));
            assertEquals(AC, judged.getJsonArray("files").getJsonObject(0).getString("content"));
        }
    }

    @Test
    void aContestSubmissionFromTheFormIsShownToItsAuthorWithTheirToken() throws Exception {
        try (DevTools browser = DevTools.open()) {
            browser.navigate(url("/problems/mathsum-live?contest=st-live"));
            browser.await("document.readyState", "complete"::equals, "the page loaded");
            browser.evaluate("localStorage.setItem('cpjudge.token', " + JsonObject.of("t", alice).encode() + ".t); true");
            browser.navigate(url("/problems/mathsum-live?contest=st-live"));
            browser.await("(function () { var f = document.getElementById('submit-form');"
                    + " return f && !f.hidden && f.getAttribute('data-ready') === 'true' ? 'ready' : ''; })()",
                    "ready"::equals, "the submit form with its languages");
            assertEquals("st-live", browser.evaluate("document.getElementById('submit-where').value"));
            browser.evaluate("document.getElementById('submit-language').value = 'c';"
                    + " document.getElementById('submit-source').value = " + JsonObject.of("s", AC).encode() + ".s;"
                    + " document.getElementById('submit-button').click(); true");
            String path = browser.await("location.pathname", p -> p.startsWith("/submissions/"), "the submission page");
            // while the contest runs nobody anonymous sees it: the server's page is a 404 ...
            assertEquals(404, get(path).statusCode());
            // ... and the page's script shows it, verdict and source, with the author's token
            browser.await("(document.getElementById('verdict') || {}).textContent || ''", "AC"::equals, "the verdict AC");
            browser.await("(document.querySelector('#source pre') || {}).textContent || ''", AC::equals, "the source");
            assertEquals("3", browser.evaluate("document.querySelectorAll('#testcases tbody tr').length"),
                    "one row per test case: the sample and the two secret ones");
            browser.evaluate("document.getElementById('signout').click(); true");
            browser.navigate(url(path));
            // once session.js knows nobody is signed in, the page stays the server's 404
            browser.await("document.readyState === 'complete' && !document.getElementById('session').hidden"
                    + " && !document.getElementById('signin-box').hidden ? 'known' : ''", "known"::equals, "signed out");
            assertEquals("Not found", browser.evaluate("document.querySelector('h1').textContent"));
        }
    }

    @Test
    void theSourceIsForItsAuthorAndAdministratorsOnly() throws Exception {
        String bob = post("/api/v1/users", ADMIN, new JsonObject().put("handle", "st_bob").put("kind", "human"))
                .getString("token");
        String id = post("/api/v1/submissions", alice, new JsonObject().put("problem", "mathsum").put("language", "c")
                .put("files", new JsonArray().add(new JsonObject().put("name", "a.c").put("content", AC)))).getString("id");
        JsonObject own = getJson("/api/v1/submissions/" + id, alice, 200);
        assertEquals(AC, own.getJsonArray("files").getJsonObject(0).getString("content"));
        assertEquals(AC, getJson("/api/v1/submissions/" + id, ADMIN, 200).getJsonArray("files").getJsonObject(0)
                .getString("content"));
        // another user (and anyone anonymous) sees a practice submission's verdict, never its source
        assertFalse(getJson("/api/v1/submissions/" + id, bob, 200).containsKey("files"));
        assertFalse(new JsonObject(get("/api/v1/submissions/" + id).body()).containsKey("files"));
        assertEquals("invalid_token", getJson("/api/v1/submissions/" + id, "not-a-token", 401)
                .getJsonObject("error").getString("code"));
        // a contest submission while the contest runs does not exist for anyone else
        String contest = post("/api/v1/submissions", alice, new JsonObject().put("problem", "mathsum-live")
                .put("contest", "st-live").put("language", "c")
                .put("files", new JsonArray().add(new JsonObject().put("name", "a.c").put("content", AC)))).getString("id");
        assertEquals(1, getJson("/api/v1/submissions/" + contest, alice, 200).getJsonArray("files").size());
        assertEquals("submission_not_found", getJson("/api/v1/submissions/" + contest, bob, 404)
                .getJsonObject("error").getString("code"));
        assertEquals(404, get("/api/v1/submissions/" + contest).statusCode());
    }

    @Test
    void aPrivateContestsStatementIsShownToItsContestantWithTheirToken() throws Exception {
        String carol = post("/api/v1/users", ADMIN, new JsonObject().put("handle", "st_carol").put("kind", "human"))
                .getString("token");
        // the API behind the page answers as the policy says: the contestant and administrators read it
        JsonObject page = getJson("/api/v1/problems/mathsum-private/page?lang=sv", alice, 200);
        assertEquals("Summa med matte", page.getString("title"));
        assertEquals("sv", page.getJsonObject("statement").getString("language"));
        assertTrue(page.getJsonObject("statement").getString("html").contains("<em>summan</em>"), page.encode());
        assertEquals("st-private", page.getJsonArray("contests").getJsonObject(0).getString("id"));
        assertFalse(page.getBoolean("practice"));
        assertEquals(1, page.getJsonArray("samples").size());
        getJson("/api/v1/problems/mathsum-private/page", ADMIN, 200);
        assertEquals("problem_not_found", getJson("/api/v1/problems/mathsum-private/page", carol, 404)
                .getJsonObject("error").getString("code"));
        assertEquals(404, get("/api/v1/problems/mathsum-private/page").statusCode());
        assertEquals("invalid_token", getJson("/api/v1/problems/mathsum-private/page", "not-a-token", 401)
                .getJsonObject("error").getString("code"));
        // a practice problem's page data, anonymously, is what the server's page shows
        JsonObject open = new JsonObject(get("/api/v1/problems/mathsum/page").body());
        assertTrue(open.getBoolean("practice"));
        assertEquals(new JsonArray().add("en").add("sv"), open.getJsonObject("statement").getJsonArray("languages"));

        HttpResponse<String> anonymous = get("/problems/mathsum-private");
        assertEquals(404, anonymous.statusCode());
        assertFalse(anonymous.body().contains("Sum With Math"), anonymous.body());
        try (DevTools browser = DevTools.open()) {
            browser.navigate(url("/problems/mathsum-private"));
            browser.await("document.readyState", "complete"::equals, "the page loaded");
            browser.evaluate("localStorage.setItem('cpjudge.token', " + JsonObject.of("t", alice).encode() + ".t); true");
            browser.navigate(url("/problems/mathsum-private"));
            browser.await("(document.querySelector('h1') || {}).textContent || ''", "Sum With Math"::equals, "the title");
            browser.await("String(document.querySelectorAll('.statement .math .katex').length)", n -> Integer.parseInt(n) >= 8,
                    "the math typeset");
            browser.await("(function () { var f = document.getElementById('submit-form');"
                    + " return f && !f.hidden && !document.getElementById('submit').hidden ? 'shown' : ''; })()",
                    "shown"::equals, "the submit form");
            assertEquals("st-private", browser.evaluate("document.getElementById('submit-where').value"));
            assertEquals("mathsum-private", browser.evaluate("document.getElementById('submit-form').getAttribute('data-problem')"));
            assertEquals("1 2\n|3\n", browser.evaluate("Array.from(document.querySelectorAll('table.sample pre'))"
                    + ".map(function (p) { return p.textContent; }).join('|')"));
            // someone not in the contest, signed in, still finds nothing
            browser.evaluate("localStorage.setItem('cpjudge.token', " + JsonObject.of("t", carol).encode() + ".t);"
                    + " localStorage.removeItem('cpjudge.user'); true");
            browser.navigate(url("/problems/mathsum-private"));
            browser.await("(document.getElementById('session-handle') || {}).textContent || ''", "st_carol"::equals,
                    "signed in as carol");
            browser.await("document.getElementById('problem-lookup').getAttribute('data-lookup') || ''", "404"::equals,
                    "the API's answer to carol");
            assertEquals("Not found", browser.evaluate("document.querySelector('h1').textContent"));
            assertEquals("true", browser.evaluate("document.getElementById('submit').hidden"));
        }
    }

    /** The statement pages: no serious accessibility violation (axe-core), and no sideways scrolling on a phone. */
    @Test
    void theStatementPagesAreAccessibleAndFitAPhone() throws Exception {
        List<String> pages = List.of("/problems/mathsum", "/problems/mathsum?lang=sv", "/problems/pdfsum",
                "/problems/mathsum-live?contest=st-live", "/problems/mathsum-later");
        List<String> failures = new ArrayList<>();
        try (DevTools browser = DevTools.open()) {
            for (boolean signedIn : new boolean[] {false, true}) {
                if (signedIn) {
                    browser.evaluate("localStorage.setItem('cpjudge.token', " + JsonObject.of("t", alice).encode() + ".t); true");
                }
                failures.addAll(PageAudit.desktopAndPhone(browser, pages, signedIn ? " (signed in)" : "",
                        StatementPageTest::load));
            }
            browser.viewport(390, 844, true);
            load(browser, "/problems/mathsum");
            Chromium.screenshot(url("/problems/mathsum"), SCREENSHOTS.resolve("statement.png"));
        }
        assertEquals(List.of(), failures);
    }

    /** Opens the page and waits until it and its deferred scripts have run (math typeset, if any). */
    private static void load(DevTools browser, String path) throws Exception {
        String target = url(path);
        browser.navigate(target);
        browser.await("document.readyState === 'complete' && location.href === " + new JsonArray().add(target).encode()
                + "[0] && (!window.katex || document.documentElement.getAttribute('data-math') === 'typeset') ? 'loaded' : 'no'",
                "loaded"::equals, path + " loaded");
    }

    private static JsonObject getJson(String path, String token, int status) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        return new JsonObject(r.body());
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject post(String path, String token, JsonObject body) throws Exception {
        return send(path, token, "application/json", body.encode().getBytes());
    }

    private static void postZip(String path, byte[] zip) throws Exception {
        send(path, ADMIN, "application/zip", zip);
    }

    private static JsonObject send(String path, String token, String type, byte[] body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, path + ": " + r.statusCode() + " " + r.body());
        return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
    }
}
