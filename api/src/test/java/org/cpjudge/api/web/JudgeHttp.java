package org.cpjudge.api.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The API of a test server, as the browser tests set it up and check it: JSON in and out, with a token. */
final class JudgeHttp {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final int port;
    private final String admin;

    JudgeHttp(int port, String adminToken) {
        this.port = port;
        this.admin = adminToken;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST that must succeed (2xx): its JSON answer, or an empty object for an empty body. */
    JsonObject post(String path, String token, String contentType, byte[] body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, path + ": " + r.statusCode() + " " + r.body());
        return r.body().isBlank() ? new JsonObject() : new JsonObject(r.body());
    }

    JsonObject postJson(String path, String token, JsonObject body) throws Exception {
        return post(path, token, "application/json", body.encode().getBytes());
    }

    String user(String handle, String kind, String model) throws Exception {
        JsonObject body = new JsonObject().put("handle", handle).put("kind", kind);
        if (model != null) {
            body.put("model", model);
        }
        return postJson("/api/v1/users", admin, body).getString("token");
    }

    /** A submission of one C file; its id. */
    String submit(String token, String problem, String contest, String source, JsonObject attempt) throws Exception {
        JsonObject body = new JsonObject().put("problem", problem).put("language", "c").put("files",
                new JsonArray().add(new JsonObject().put("name", "sum.c").put("content", source)));
        if (contest != null) {
            body.put("contest", contest);
        }
        if (attempt != null) {
            body.put("attempt", attempt);
        }
        return postJson("/api/v1/submissions", token, body).getString("id");
    }

    /** The submission once judged, as an administrator reads it. */
    JsonObject awaitDone(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject s = new JsonObject(get("/api/v1/submissions/" + id, admin).body());
            if ("done".equals(s.getString("status"))) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("submission " + id + " was not judged within 5 minutes");
    }

    /** Sum in C, right and wrong. */
    static final String AC = """
            #include <stdio.h>
            int main(void) { long long a, b; scanf("%lld %lld", &a, &b); printf("%lld\\n", a + b); return 0; }
            """;
    static final String WA = """
            #include <stdio.h>
            int main(void) { long long a, b; scanf("%lld %lld", &a, &b); printf("%lld\\n", a - b); return 0; }
            """;
}
