package org.cpjudge.api;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the tests: JSON in, status and JSON (or text) out. */
final class ApiClient {

    record Response(int status, String body, java.net.http.HttpHeaders headers) {
        JsonObject json() {
            return new JsonObject(body);
        }

        io.vertx.core.json.JsonArray array() {
            return new io.vertx.core.json.JsonArray(body);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Response get(String path, String token) throws Exception {
        return send(request(path, token).GET().build());
    }

    /** A POST, with extra headers: name, value, name, value, ... */
    Response post(String path, String token, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = request(path, token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** A JSON POST with extra headers: name, value, name, value, ... */
    Response postJson(String path, String token, JsonObject body, String... headers) throws Exception {
        return post(path, token, "application/json", body.encode().getBytes(), headers);
    }

    Response patchJson(String path, String token, JsonObject body) throws Exception {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode())).build());
    }

    /** Any method without a body (DELETE, ...). */
    Response send(String method, String path, String token) throws Exception {
        return send(request(path, token).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A JSON object from key, value, key, value, ... */
    static JsonObject body(Object... keyValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keyValues.length; i += 2) {
            o.put((String) keyValues[i], keyValues[i + 1]);
        }
        return o;
    }

    /** Imports the test package {@code packages/sum} once under each id, as {@code adminToken}. */
    void importSum(String adminToken, String... ids) throws Exception {
        for (String id : ids) {
            Response r = post("/api/v1/problems?id=" + id, adminToken, "application/zip",
                    Zips.of(Zips.resource("packages/sum")));
            org.junit.jupiter.api.Assertions.assertEquals(201, r.status(), r.body());
        }
    }

    /** A new user of {@code kind} ("human" or "ai"), made by {@code adminToken}: their token. */
    String createUser(String adminToken, String handle, String kind) throws Exception {
        Response r = postJson("/api/v1/users", adminToken, body("handle", handle, "kind", kind));
        org.junit.jupiter.api.Assertions.assertEquals(201, r.status(), r.body());
        return r.json().getString("token");
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** With -Dcpjudge.openapi.check=true every answer to a documented path is checked against the OpenAPI document. */
    private static final boolean CHECK_OPENAPI = Boolean.getBoolean("cpjudge.openapi.check");

    private Response send(HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        Response response = new Response(r.statusCode(), r.body(), r.headers());
        if (CHECK_OPENAPI) {
            String path = request.uri().getRawPath() + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
            if (OpenApiContract.get().template(path).isPresent()) {
                OpenApiContract.assertConforms(request.method(), path, response);
            }
        }
        return response;
    }
}
