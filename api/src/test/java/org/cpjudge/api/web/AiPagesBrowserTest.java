package org.cpjudge.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.cpjudge.api.JudgeServer;
import org.cpjudge.api.TestDatabaseAccess;
import org.cpjudge.api.Zips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AI pages of a real server, with the AI users' virtual runs really judged, as headless chromium shows
 * them: the leaderboard with one point per model that solved something, a model's page with its performances,
 * pass@k and consensus@k, and model names (free text) shown as text everywhere.
 */
class AiPagesBrowserTest {

    private static final String ADMIN = "ai-pages-admin-token";
    private static final Path SCREENSHOTS = Path.of("target", "web-screenshots");
    /** A model name with markup and a space: it must come out as text, and its link must find it. */
    private static final String BETA = "lab-y <b id=\"bold\">beta</b>";

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static JudgeHttp api;

    @BeforeAll
    static void start() throws Exception {
        server = TestDatabaseAccess.startServer(dataDir, 1, ADMIN);
        api = new JudgeHttp(server.port(), ADMIN);
        for (String id : new String[] {"aip-a", "aip-b"}) {
            api.post("/api/v1/problems?id=" + id, ADMIN, "application/zip", Zips.of(Zips.resource("packages/sum")));
        }
        // a finished Codeforces round with the real standings imported: virtual runs are ranked against them
        api.postJson("/api/v1/contests", ADMIN, new JsonObject().put("id", "aipc").put("name", "AI Pages Cup")
                .put("start", Instant.now().minus(6, ChronoUnit.HOURS).toString()).put("duration_minutes", 120)
                .put("scoring", "codeforces").put("points", new JsonObject().put("aip-a", 500).put("aip-b", 1000))
                .put("problems", new JsonArray().add("aip-a").add("aip-b")).put("freeze_minutes", 0)
                .put("rated", false));
        api.postJson("/api/v1/contests/aipc/standings", ADMIN, new JsonObject().put("standings", new JsonArray()
                .add(new JsonObject().put("handle", "top").put("rating", 2600).put("points", 1500).put("penalty", 0))
                .add(new JsonObject().put("handle", "mid").put("rating", 1700).put("points", 700).put("penalty", 0))
                .add(new JsonObject().put("handle", "low").put("rating", 1100).put("points", 0).put("penalty", 0))));

        // alpha solves a on its second of two samples; beta solves both cheaply; gamma solves nothing
        String alpha = api.user("aip_alpha", "ai", "alpha");
        run(alpha, new String[][] {{"aip-a", "WA", "0.25"}, {"aip-a", "AC", "0.25"}});
        String beta = api.user("aip_beta", "ai", BETA);
        run(beta, new String[][] {{"aip-a", "AC", "0.01"}, {"aip-b", "AC", "0.01"}});
        String gamma = api.user("aip_gamma", "ai", "gamma");
        run(gamma, new String[][] {{"aip-b", "WA", "0.5"}});
    }

    /** A virtual run at minute 0 with these tries (problem, verdict, cost), each one sample of its problem's group. */
    private static void run(String token, String[][] tries) throws Exception {
        api.postJson("/api/v1/contests/aipc/virtual", token, new JsonObject().put("policy", "minute0"));
        for (String[] t : tries) {
            String id = api.submit(token, t[0], "aipc", t[1].equals("AC") ? JudgeHttp.AC : JudgeHttp.WA,
                    new JsonObject().put("group", "g-" + t[0]).put("cost_usd", Double.parseDouble(t[2])));
            assertEquals(t[1], api.awaitDone(id).getString("verdict"));
        }
        api.post("/api/v1/contests/aipc/virtual/end", token, "application/json", new byte[0]);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theLeaderboardPlotsOnePointPerModelThatSolvedSomething() throws Exception {
        JsonArray rows = new JsonObject(api.get("/api/v1/ai/models", null).body()).getJsonArray("rows");
        assertEquals(3, rows.size(), rows.encode());
        long withCost = rows.stream().filter(o -> ((JsonObject) o).getValue("cost_per_solved_usd") != null).count();
        assertEquals(2, withCost, "gamma solved nothing: " + rows.encode());

        try (DevTools browser = DevTools.open()) {
            browser.navigate(api.url("/ai"));
            browser.await("document.querySelectorAll('#models tbody tr').length", "3"::equals, "three models");
            assertEquals(String.valueOf(withCost),
                    browser.evaluate("document.querySelectorAll('svg.cost-rating-plot circle.point').length"));
            // the names beside the points, in the leaderboard's order, as text
            assertEquals(BETA + "|alpha", browser.evaluate("Array.from(document.querySelectorAll("
                    + "'svg.cost-rating-plot text.label')).map(t => t.textContent).join('|')"));
            assertEquals("0", browser.evaluate("document.querySelectorAll('#bold').length"), "markup stayed text");
            // beta paid less per solved problem than alpha: further left
            assertEquals("true", browser.evaluate("(() => { const c = document.querySelectorAll("
                    + "'svg.cost-rating-plot circle.point'); return +c[0].getAttribute('cx') < +c[1].getAttribute('cx'); })()"));
            assertEquals("1", browser.evaluate("document.querySelectorAll('figcaption').length"), "gamma is named as not drawn");
            // the first row is the highest mean; its cells as the API says
            JsonObject first = rows.getJsonObject(0);
            assertEquals(first.getString("model"), browser.evaluate(
                    "document.querySelector('#models tbody tr td:nth-child(2)').textContent"));
            assertEquals(String.valueOf(Math.round(first.getDouble("mean_performance"))), browser.evaluate(
                    "document.querySelector('#models tbody tr td:nth-child(6)').textContent"));
            // measured once the stylesheets are in (the DOM is there before they apply: the wide table overflows)
            browser.await("document.readyState", "complete"::equals, "the page and its stylesheets loaded");
            browser.await("document.documentElement.scrollWidth <= document.documentElement.clientWidth",
                    "true"::equals, "no horizontal scroll of the page");
        }
        Chromium.screenshot(api.url("/ai"), SCREENSHOTS.resolve("ai.png"));
    }

    @Test
    void aModelsPageShowsItsRunsPassAtKAndConsensusAtK() throws Exception {
        try (DevTools browser = DevTools.open()) {
            browser.navigate(api.url("/ai/alpha"));
            browser.await("document.querySelectorAll('#performances tbody tr').length", "1"::equals, "alpha's one run");
            assertEquals("aipc", browser.evaluate("document.querySelector('#performances tbody td').textContent"));
            // one group: two samples at aip-a, one correct: pass@1 = 1/2, pass@2 = 1
            assertEquals("aip_alpha|aip-a|g-aip-a|2|1|50.0%|100.0%|no|$0.50", browser.evaluate(
                    "Array.from(document.querySelectorAll('#pass-at-k tbody td')).map(t => t.textContent.trim()).join('|')"));
            assertEquals("pass@1|pass@2", browser.evaluate("Array.from(document.querySelectorAll('#pass-at-k th'))"
                    + ".map(t => t.textContent).filter(t => t.startsWith('pass@')).join('|')"));
            // only the AC passed the samples, so it is the consensus of both; the first sample alone is the WA
            assertEquals("no|yes|yes", browser.evaluate("Array.from(document.querySelectorAll('#consensus-at-k tbody td'))"
                    + ".slice(4).map(t => t.textContent).join('|')"));
        }
        Chromium.screenshot(api.url("/ai/alpha"), SCREENSHOTS.resolve("ai-model.png"));
    }

    @Test
    void theAiPagesPassAxeAndFitAPhone() throws Exception {
        try (DevTools browser = DevTools.open()) {
            for (String path : new String[] {"/ai", "/ai/alpha"}) {
                browser.viewport(1200, 900, false);
                browser.navigate(api.url(path));
                browser.await("document.querySelectorAll('main table tbody tr').length > 0", "true"::equals, path + "'s tables");
                assertEquals(java.util.List.of(), Axe.seriousViolations(browser), path);
                int[] widths = PageAudit.widthsAt(browser, 390);
                assertTrue(widths[0] <= widths[1], path + " scrolls sideways at 390 px: " + widths[0] + " > " + widths[1]);
                PageAudit.save(browser, SCREENSHOTS.resolve(path.equals("/ai") ? "ai-phone.png" : "ai-model-phone.png"));
            }
        }
    }

    @Test
    void theReportFiltersByTheModelItsRowsName() throws Exception {
        JsonArray alpha = new JsonObject(api.get("/api/v1/ai/report?model=alpha", null).body()).getJsonArray("rows");
        assertEquals(1, alpha.size(), alpha.encode());
        assertEquals("alpha", alpha.getJsonObject(0).getString("model"));
        assertEquals("aip-a", alpha.getJsonObject(0).getString("problem"));
        JsonArray beta = new JsonObject(api.get("/api/v1/ai/report?model="
                + URLEncoder.encode(BETA, StandardCharsets.UTF_8), null).body()).getJsonArray("rows");
        assertEquals(2, beta.size(), "one group per problem: " + beta.encode());
        assertTrue(beta.stream().allMatch(r -> BETA.equals(((JsonObject) r).getString("model"))), beta.encode());
        assertEquals(0, new JsonObject(api.get("/api/v1/ai/report?model=nobody", null).body())
                .getJsonArray("rows").size());
        assertEquals(400, api.get("/api/v1/ai/report", null).statusCode());
    }

    @Test
    void aModelNameWithMarkupIsFoundByItsLinkAndShownAsText() throws Exception {
        String dom = Chromium.dumpDom(api.url("/ai/" + URLEncoder.encode(BETA, StandardCharsets.UTF_8).replace("+", "%20")));
        assertTrue(dom.contains("<h1>lab-y &lt;b id=\"bold\"&gt;beta&lt;/b&gt;</h1>"), dom);
        assertFalse(dom.contains("<b id=\"bold\">"), dom);
        assertEquals(404, api.get("/ai/no-such-model", null).statusCode());
    }
}
