package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages carry a Content-Security-Policy that runs exactly their own inline scripts (by hash) and nothing else,
 * may not be framed, and are never sniffed; JSON answers are never sniffed either.
 */
class SecurityHeadersTest {

    private static final String ADMIN = "headers-admin";

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        var db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 0, ADMIN, false));
        api = new ApiClient(server.port());
        api.importSum(ADMIN, "sum");
        var c = api.postJson("/api/v1/contests", ADMIN, new JsonObject().put("id", "live").put("name", "Live")
                .put("start", java.time.Instant.now().minusSeconds(60).toString()).put("duration_minutes", 120)
                .put("problems", new JsonArray().add("sum")));
        assertEquals(201, c.status(), c.body());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String header(ApiClient.Response r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    @Test
    void aPageRunsOnlyItsOwnScriptFiles() throws Exception {
        var page = api.get("/contests/live", null);
        assertEquals(200, page.status(), page.body());
        String csp = header(page, "Content-Security-Policy");
        // the live scoreboard's script is a file of ours; no script is inline, so none needs a hash
        assertTrue(page.body().contains("<script src=\"/static/js/scoreboard.js\" defer></script>"), page.body());
        Matcher m = Pattern.compile("<script(?![^>]* src=\"/static/js/)[^>]*>").matcher(page.body());
        assertFalse(m.find(), "an inline script: " + page.body());
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertFalse(csp.contains("sha256-"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertFalse(csp.contains("unsafe-eval"), csp);
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("connect-src 'self'"), "the script follows the event stream: " + csp);
        assertTrue(csp.contains("style-src 'self'"), csp);
        assertEquals("nosniff", header(page, "X-Content-Type-Options"));
        assertEquals("DENY", header(page, "X-Frame-Options"));
        assertEquals("same-origin", header(page, "Referrer-Policy"));
    }

    @Test
    void aPageWithoutInlineScriptsRunsOnlyOurScriptFiles() throws Exception {
        for (String path : List.of("/leaderboard", "/users/nobody", "/contests/none")) {
            var page = api.get(path, null);
            assertTrue(header(page, "Content-Type").startsWith("text/html"), path);
            String csp = header(page, "Content-Security-Policy");
            // every page loads /static/js/session.js (the sign-in box); nothing inline, nothing from elsewhere
            assertTrue(csp.contains("script-src 'self';") || csp.endsWith("script-src 'self'"), path + ": " + csp);
            assertFalse(csp.contains("sha256-"), path + ": " + csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertEquals("nosniff", header(page, "X-Content-Type-Options"), path);
        }
    }

    @Test
    void jsonAnswersAreNotSniffed() throws Exception {
        for (String path : List.of("/api/v1/languages", "/api/v1/contests/live", "/api/v1/nothing-here",
                "/health/live", "/clics/contests")) {
            var r = api.get(path, null);
            assertTrue(header(r, "Content-Type").startsWith("application/json"), path + " " + r.headers());
            assertEquals("nosniff", header(r, "X-Content-Type-Options"), path);
            assertEquals("same-origin", header(r, "Referrer-Policy"), path);
        }
    }
}
