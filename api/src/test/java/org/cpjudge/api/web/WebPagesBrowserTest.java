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

    @BeforeAll
    static void start() throws Exception {
        server = TestDatabaseAccess.startServer(dataDir, 1, ADMIN);
        String token = post("/api/v1/users", ADMIN, "application/json",
                new JsonObject().put("handle", "web_alice").put("kind", "human").encode().getBytes()).getString("token");
        post("/api/v1/problems?id=sum", ADMIN, "application/zip", Zips.of(Zips.resource("packages/sum")));
        accepted = submit(token, "sum.c", """
                #include <stdio.h>
                int main(void) { long long a, b; scanf("%lld %lld", &a, &b); printf("%lld\\n", a + b); return 0; }
                """);
        // the compiler quotes the failing line, markup and all: the page must show it as text
        compileError = submit(token, "sum.c", "int main(void) { return nothing; } /* <b id=\"injected\">bold</b> */\n");
        awaitDone(accepted);
        awaitDone(compileError);
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
    void theStylesheetIsServedByTheJudgeItself() throws Exception {
        HttpResponse<String> r = get(WebRoutes.STYLESHEET);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertTrue(r.body().contains(".title-legendary-grandmaster"), r.body());
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

    private static void awaitDone(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if ("done".equals(new JsonObject(get("/api/v1/submissions/" + id).body()).getString("status"))) {
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
