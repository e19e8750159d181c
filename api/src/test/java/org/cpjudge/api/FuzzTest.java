package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpjudge.api.config.ServerConfig;
import org.cpjudge.api.store.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed input on every route the router holds (read from the router itself, so a new endpoint is fuzzed
 * the day it is added): bad JSON, wrong types, huge and deeply nested values, numbers out of range, odd unicode,
 * nulls, missing fields, wrong content types, odd path and query values, huge headers; as anonymous, as a human
 * and an AI contestant, and as the administrator. Every answer must be a 2xx (the input was acceptable) or a
 * 4xx with the {"error": {"code", "message"}} body, never a 5xx, never a parser's or a program's words or a host
 * path; and the server must still be alive at the end.
 */
class FuzzTest {

    private static final String ADMIN = "fuzz-admin-token";
    /** Words that only a leaked internal message would carry. */
    private static final List<String> LEAKS = List.of("com.fasterxml", "Exception", "/tmp/", "/work/", "io.vertx",
            "java.lang", "org.postgresql", "at org.", "SQLState");

    @TempDir
    static Path dataDir;
    private static TestDatabases.Credentials db;
    private static JudgeServer server;
    private static String base;
    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    /** Role name to token; the tokens are put back after a request that may have rotated or revoked them. */
    private static final Map<String, String> roles = new LinkedHashMap<>();
    private static final Map<String, String> handles = Map.of("contestant", "carol", "ai", "robo", "admin", "admin");
    private static String submissionId;
    private static final List<String> failures = new ArrayList<>();
    private static int requests;
    private static Connection direct;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 1, ADMIN, false));
        base = "http://127.0.0.1:" + server.port();
        ApiClient api = new ApiClient(server.port());
        api.importSum(ADMIN, "sum");
        roles.put("anonymous", null);
        roles.put("contestant", api.createUser(ADMIN, "carol", "human"));
        roles.put("ai", api.createUser(ADMIN, "robo", "ai"));
        roles.put("admin", ADMIN);
        var contest = api.postJson("/api/v1/contests", ADMIN, new JsonObject().put("id", "c1").put("name", "C1")
                .put("start", java.time.Instant.now().minusSeconds(3600).toString()).put("duration_minutes", 527040)
                .put("problems", new JsonArray().add("sum")));
        assertEquals(201, contest.status(), contest.body());
        // finalizing waits for the contest's submissions to be judged: the fuzzed finalize gets a contest with none
        var empty = api.postJson("/api/v1/contests", ADMIN, new JsonObject().put("id", "c-final").put("name", "F")
                .put("start", java.time.Instant.now().minusSeconds(3600).toString()).put("duration_minutes", 60)
                .put("problems", new JsonArray().add("sum")));
        assertEquals(201, empty.status(), empty.body());
        for (String role : List.of("contestant", "ai")) {
            var registered = api.postJson("/api/v1/contests/c1/register", roles.get(role), new JsonObject());
            assertTrue(registered.status() == 200 || registered.status() == 201, registered.body());
        }
        var s = api.postJson("/api/v1/submissions", roles.get("contestant"), plausibleSubmission());
        assertEquals(202, s.status(), s.body());
        submissionId = s.json().getString("id");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyRouteAnswersMalformedInputWithA4xxAndTheServerLives() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertTrue(endpoints.size() > 30, "the router's routes were read: " + endpoints);
        for (Endpoint e : endpoints) {
            boolean readsBody = e.method() != HttpMethod.GET;
            String path = e.paths().get(0);
            for (String role : roles.keySet()) {
                request(e.method(), path, role, "application/json", plausibleBody().encode().getBytes());
                request(e.method(), path + oddQuery(), role, null, null);
                if (readsBody) {
                    for (byte[] body : malformedBodies()) {
                        request(e.method(), path, role, "application/json", body);
                    }
                    for (String type : List.of("text/plain", "application/zip", "multipart/form-data; boundary=x",
                            "application/json; charset=latin-1", "")) {
                        request(e.method(), path, role, type, plausibleBody().encode().getBytes());
                    }
                }
                hugeHeader(e.method(), path, role);
            }
            // odd path values, for the public and for the administrator, who passes every check on the way
            for (String odd : e.paths().subList(1, e.paths().size())) {
                for (String role : List.of("anonymous", "admin")) {
                    request(e.method(), odd, role, "application/json", plausibleBody().encode().getBytes());
                    request(e.method(), odd + oddQuery(), role, null, null);
                }
            }
            if (readsBody) {
                // the administrator passes every role check; the AI contestant is the one that sends attempts
                for (String role : e.template().contains("/submissions") ? List.of("ai", "admin") : List.of("admin")) {
                    for (JsonObject body : wrongFields(plausibleBody())) {
                        request(e.method(), path, role, "application/json", body.encode().getBytes());
                    }
                }
            }
            assertAlive(e.toString());
            System.out.println("fuzz: " + e + " done, " + requests + " requests so far");
        }
        assertAlive("the end");
        System.out.println("fuzz: " + requests + " requests on " + endpoints.size() + " routes");
        assertTrue(failures.isEmpty(), failures.size() + " bad answers, the first ones:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }

    @Test
    void numbersOutOfRangeAndBadJsonAreOur400() throws Exception {
        ApiClient api = new ApiClient(server.port());
        String ai = roles.get("ai");
        for (String cost : List.of("1e400", "-1e400", "18446744073709551616")) {
            byte[] body = plausibleSubmission().put("attempt", new JsonObject().put("group", "g").put("index", 0)
                    .put("model", "m1").put("cost_usd", "@@")).encode().replace("\"@@\"", cost)
                    .getBytes(StandardCharsets.UTF_8);
            var r = api.post("/api/v1/submissions", ai, "application/json", body);
            assertEquals(400, r.status(), cost + ": " + r.body());
            assertEquals("invalid_field", r.json().getJsonObject("error").getString("code"), r.body());
            assertEquals("'attempt.cost_usd' is a number out of range",
                    r.json().getJsonObject("error").getString("message"));
        }
        var bad = api.post("/api/v1/submissions", ai, "application/json", "{\"problem\": ".getBytes());
        assertEquals(400, bad.status(), bad.body());
        assertEquals("invalid_json", bad.json().getJsonObject("error").getString("code"));
        assertEquals("the request body is not valid JSON", bad.json().getJsonObject("error").getString("message"),
                "our words, not the parser's");
        var nul = api.postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", "nul").put("name", "a\u0000b"));
        assertEquals(400, nul.status(), nul.body());
        assertEquals("invalid_text", nul.json().getJsonObject("error").getString("code"));
    }

    /** A method and path of the router, with the path's parameters filled in: real values first, then odd ones. */
    record Endpoint(HttpMethod method, String template, List<String> paths) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private static final Pattern PARAM = Pattern.compile(":([A-Za-z0-9_]+)");

    private static List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Route r : server.routes()) {
            String template = r.getPath();
            if (template == null || r.methods() == null || r.methods().isEmpty()) {
                continue; // handlers for every request (headers, the token gate, the 404), not endpoints
            }
            for (HttpMethod m : r.methods()) {
                if (seen.add(m + " " + template)) {
                    out.add(new Endpoint(m, template, paths(template)));
                }
            }
        }
        return out;
    }

    private static List<String> paths(String template) {
        List<String> paths = new ArrayList<>();
        paths.add(fill(template, null));
        for (String odd : List.of("..%2F..%2Fetc%2Fpasswd", "%00", "-1", "99999999999999999999999", "%E2%80%AE%F0%9F%98%80",
                "x".repeat(3000), "%C0%AF", "%25", "me", "1e400", "null")) {
            if (PARAM.matcher(template).find() || template.endsWith("/") && template.length() > 1) {
                paths.add(fill(template, odd));
            }
        }
        return paths;
    }

    /** The template with each parameter replaced by {@code value}, or by a value that names something real. */
    private static String fill(String template, String value) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(template, last, m.start());
            last = m.end();
            String done = out.toString();
            String segment = done.endsWith("/") ? done.substring(done.lastIndexOf('/', done.length() - 2) + 1,
                    done.length() - 1) : "";
            String real = switch (segment) {
                case "contests" -> template.endsWith("/finalize") ? "c-final" : "c1";
                case "problems" -> "sum";
                case "submissions" -> submissionId;
                case "users", "virtual" -> "carol";
                case "models" -> "m1";
                case "c1" -> "teams"; // a CLICS collection
                default -> "1";
            };
            out.append(value == null ? real : value);
        }
        out.append(template.substring(last));
        if (template.endsWith("/") && template.length() > 1) {
            out.append(value == null ? "problem.en.md" : value); // a wildcard route
        }
        return out.toString();
    }

    private static String oddQuery() {
        StringBuilder q = new StringBuilder("?");
        String[] names = {"page", "per_page", "around", "view", "kind", "problem", "handle", "contest", "after",
                "since_token", "group_id", "limit", "strict", "stream", "id"};
        String[] values = {"-1", "1e400", "99999999999999999999", "%00", "", "%E2%80%AE", "jury", "0", "-0", "NaN",
                "x".repeat(500), "%FF%FE"};
        for (int i = 0; i < names.length; i++) {
            q.append(i == 0 ? "" : "&").append(names[i]).append('=').append(values[(i * 7 + requests) % values.length]);
        }
        return q.toString();
    }

    private static JsonObject plausibleSubmission() {
        // the cheapest program to judge: the fuzz suite's accepted submissions keep the one worker busy
        return new JsonObject().put("problem", "sum").put("language", "bash").put("contest", "c1")
                .put("files", new JsonArray().add(new JsonObject().put("name", "a.sh").put("content", "exit 0")));
    }

    /** One body with every field some endpoint reads, each plausible, so a route gets past its first check. */
    private static JsonObject plausibleBody() {
        return plausibleSubmission()
                .put("handle", "fz" + requests).put("kind", "ai").put("role", "contestant").put("name", "Fuzz")
                .put("model", "m1").put("provider", "p").put("model_version", "v1")
                .put("attempt", new JsonObject().put("group", "g1").put("index", 0).put("model", "m1")
                        .put("cost_usd", 0.25).put("tokens", 1000))
                .put("id", "fz" + requests).put("start", "2027-01-01T00:00:00Z").put("duration_minutes", 120)
                .put("scoring", "icpc").put("problems", new JsonArray().add("sum")).put("freeze_minutes", 60)
                .put("rated", false).put("labels", new JsonArray().add("A")).put("visibility", "public")
                .put("penalty_minutes", 20).put("points", new JsonObject().put("sum", 500))
                .put("policy", "clock").put("minute", 5).put("text", "why?").put("reply_to", 1).put("public", true)
                .put("rows", new JsonArray().add(new JsonObject().put("handle", "carol").put("rating", 1500)
                        .put("rank", 1)))
                .put("submissions", new JsonArray().add(plausibleSubmission()))
                .put("callback_url", "http://127.0.0.1:9/cb").put("problem_ids", new JsonArray().add("sum"));
    }

    /** Values of the wrong type or out of range, put in place of each field (nested ones too), and each field left out. */
    private static List<JsonObject> wrongFields(JsonObject base) {
        List<Object> odd = List.of(new Raw("1e400"), new Raw("-1e400"), new Raw("-0"), new Raw("18446744073709551616"),
                new Raw("-9223372036854775809"), new Raw("2147483648"), new Raw("0.5"), new Raw("1e-400"),
                true, new JsonArray(), new JsonObject(), "", "\u0000\u202e\ud83d\ude00", new Raw("\"\\ud800\""),
                "x".repeat(70_000), new Raw("null"), -1);
        List<JsonObject> out = new ArrayList<>();
        int turn = 0;
        for (String field : base.fieldNames()) {
            JsonObject without = base.copy();
            without.remove(field);
            out.add(without);
            // a few of the odd values for each field, in turn, so that every value meets many fields
            for (int i = 0; i < 5; i++) {
                out.add(replaced(base, field, odd.get(turn++ % odd.size())));
            }
            Object inner = base.getValue(field);
            JsonObject nested = inner instanceof JsonObject o ? o
                    : inner instanceof JsonArray a && !a.isEmpty() && a.getValue(0) instanceof JsonObject o ? o : null;
            if (nested != null) {
                for (String sub : nested.fieldNames()) {
                    for (int i = 0; i < 3; i++) {
                        JsonObject changed = replaced(nested, sub, odd.get(turn++ % odd.size()));
                        out.add(base.copy().put(field, inner instanceof JsonArray ? new JsonArray().add(changed) : changed));
                    }
                }
            }
        }
        return out;
    }

    /** A piece of JSON text put into a body as it is (numbers JSON can say but Java cannot hold). */
    record Raw(String json) {
    }

    private static final String RAW_MARK = "\"@@raw@@";

    private static JsonObject replaced(JsonObject o, String field, Object v) {
        return o.copy().put(field, v instanceof Raw r ? RAW_MARK.substring(1) + r.json() : v);
    }

    private static byte[] encode(JsonObject body) {
        // raw values were put in as marked strings: unquote them into the JSON text
        String text = body.encode();
        Matcher m = Pattern.compile(Pattern.quote(RAW_MARK) + "((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(new JsonArray("[\"" + m.group(1) + "\"]").getString(0)));
        }
        m.appendTail(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<byte[]> malformedBodies() {
        List<String> texts = List.of("", "{", "}", "[1]", "null", "\"text\"", "42", "{\"a\":}", "{'a': 1}",
                "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 1e400}", "{\"a\": 18446744073709551616}",
                "{\"a\": 01}", "{\"a\": 1}{\"b\": 2}", "{\"a\": \"\\ud800\"}", "{\"a\": \"\\u0000\"}",
                "[".repeat(100_000), "{\"a\":".repeat(50_000), "[".repeat(900) + "]".repeat(900),
                "{\"a\": " + "[".repeat(900) + "]".repeat(900) + "}",
                "{\"problem\": null, \"files\": null, \"handle\": null, \"id\": null}",
                "{\"a\": \"" + "x".repeat(300_000) + "\"}");
        List<byte[]> out = new ArrayList<>();
        texts.forEach(t -> out.add(t.getBytes(StandardCharsets.UTF_8)));
        out.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}); // overlong UTF-8
        out.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}); // not UTF-8 at all
        out.add(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0}); // a broken zip
        return out;
    }

    private static void request(HttpMethod method, String path, String role, String type, byte[] body) {
        byte[] bytes = body;
        if (body != null && type != null && type.startsWith("application/json") && body.length > 0
                && new String(body, StandardCharsets.ISO_8859_1).contains(RAW_MARK)) {
            bytes = encode(new JsonObject(new String(body, StandardCharsets.UTF_8)));
        }
        HttpRequest.Builder b = builder(path, role);
        if (type != null && !type.isEmpty()) {
            b.header("Content-Type", type);
        }
        b.method(method.name(), bytes == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(bytes));
        send(method + " " + path + " as " + role + (body == null ? "" : " with " + preview(bytes)), b.build(), role);
    }

    /** A header larger than the server reads: the HTTP layer refuses it (431, our error body) before any route. */
    private static void hugeHeader(HttpMethod method, String path, String role) {
        HttpRequest.Builder b = builder(path, role).header("X-Fuzz", "y".repeat(64 * 1024))
                .method(method.name(), HttpRequest.BodyPublishers.noBody());
        String what = method + " " + path + " as " + role + " with a 64 KiB header";
        try {
            requests++;
            // its own client: the server may close the connection after refusing it, which must not hit the next request
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() < 400) {
                failures.add(what + ": " + r.statusCode());
            }
            judge(what, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (java.io.IOException e) {
            // the server may also close the connection on such a header: it still lives (checked after)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a token header just under the limit is read and refused as unknown
        HttpRequest.Builder big = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + "z".repeat(6000)).method(method.name(),
                        HttpRequest.BodyPublishers.noBody());
        send(method + " " + path + " with a 6000-character token", big.build(), "anonymous");
    }

    private static HttpRequest.Builder builder(String path, String role) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        String token = roles.get(role);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static void send(String what, HttpRequest request, String role) {
        requests++;
        try {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String type = r.headers().firstValue("Content-Type").orElse("");
            String body;
            try (InputStream in = r.body()) {
                // an event stream or a live feed never ends: its status and headers are what is judged
                boolean endless = type.startsWith("text/event-stream") || type.startsWith("application/x-ndjson");
                body = new String(endless ? new byte[0] : in.readAllBytes(),
                        StandardCharsets.UTF_8);
            }
            judge(what, r.statusCode(), type, body);
        } catch (Exception e) {
            failures.add(what + ": no answer (" + e + ")");
            System.out.println("fuzz failure: " + failures.get(failures.size() - 1));
        }
        if (request.uri().getPath().contains("token")) {
            restoreTokens();
        }
    }

    private static void judge(String what, int status, String type, String body) {
        int before = failures.size();
        check(what, status, type, body);
        if (failures.size() > before) {
            System.out.println("fuzz failure: " + failures.get(failures.size() - 1));
        }
    }

    private static void check(String what, int status, String type, String body) {
        String answer = what + " -> " + status + " " + preview(body.getBytes(StandardCharsets.UTF_8));
        if (status >= 500) {
            failures.add(answer);
            return;
        }
        for (String leak : LEAKS) {
            if (body.contains(leak)) {
                failures.add(answer + " (leaks '" + leak + "')");
                return;
            }
        }
        if (status < 400) {
            return;
        }
        if (type.startsWith("text/html")) {
            return; // a page's own error page
        }
        try {
            JsonObject error = new JsonObject(body).getJsonObject("error");
            if (error == null || !(error.getValue("code") instanceof String code) || code.isEmpty()
                    || !(error.getValue("message") instanceof String message) || message.isEmpty()) {
                failures.add(answer + " (no error body)");
            }
        } catch (RuntimeException e) {
            failures.add(answer + " (not a JSON error body)");
        }
    }

    /** Puts back the tokens a rotation or revocation just took away, so that each role stays itself. */
    private static void restoreTokens() {
        try {
            if (direct == null) {
                direct = DriverManager.getConnection(db.url(), db.user(), db.password());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement q = direct.prepareStatement("INSERT INTO api_tokens (token_sha256, user_id)"
                     + " SELECT ?, id FROM users WHERE handle = ? ON CONFLICT DO NOTHING")) {
            for (var role : handles.entrySet()) {
                q.setBytes(1, Tokens.hash(roles.get(role.getKey())));
                q.setString(2, role.getValue());
                q.executeUpdate();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertAlive(String after) throws Exception {
        HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(base + "/health/live"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, live.statusCode(), "alive after " + after);
    }

    private static String preview(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 160), StandardCharsets.UTF_8);
        return bytes.length > 160 ? s + "... (" + bytes.length + " bytes)" : s;
    }

}
