package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cpjudge.api.callback.CallbackAllowList;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Harness-friendly intake over HTTP, on a real PostgreSQL with real judging: batches stored whole or not at all,
 * callback URLs refused on private addresses unless the allow-list admits them, and callbacks delivered to a
 * small HTTP server in this test, signed with the user's webhook secret, and retried when it fails.
 */
class IntakeTest {

    private static final String ADMIN = "intake-admin-token";
    private static final String PROBLEM = "sum-intake";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path otherDataDir;
    private static TestDatabases.Credentials db;
    private static Receiver receiver;
    private static JudgeServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        receiver = new Receiver();
        db = TestDatabases.fresh();
        // the allow-list admits the receiver's own address and port, nothing else on this machine
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 2, ADMIN, false)
                .withCallbackAllow(CallbackAllowList.parse("127.0.0.1:" + receiver.port())));
        api = new ApiClient(server.port());
        var r = api.post("/api/v1/problems?id=" + PROBLEM, ADMIN, "application/zip", Zips.of(Zips.resource("packages/sum")));
        assertEquals(201, r.status(), r.body());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** A user: their token and the webhook secret shown once at creation. */
    private record NewUser(String token, String secret) {
    }

    private static NewUser user(String handle) throws Exception {
        var r = api.postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", handle).put("kind", "ai"));
        assertEquals(201, r.status(), r.body());
        String secret = r.json().getString("webhook_secret");
        assertTrue(secret != null && secret.length() >= 40, "a long random secret: " + r.body());
        return new NewUser(r.json().getString("token"), secret);
    }

    private static JsonObject submission(String verdict) {
        var source = Sources.SUM.get("python3").get(verdict);
        return new JsonObject().put("problem", PROBLEM).put("language", "python3")
                .put("files", new JsonArray().add(new JsonObject().put("name", source.file()).put("content", source.content())));
    }

    private static ApiClient.Response batch(String token, JsonObject... items) throws Exception {
        return api.postJson("/api/v1/submissions/batch", token,
                new JsonObject().put("submissions", new JsonArray(List.of((Object[]) items))));
    }

    private static void assertError(ApiClient.Response r, int status, String code, String messageStart) {
        assertError(r, status, code, messageStart, "");
    }

    private static void assertError(ApiClient.Response r, int status, String code, String messageStart, String what) {
        assertEquals(status, r.status(), what + ": " + r.body());
        JsonObject error = r.json().getJsonObject("error");
        assertEquals(code, error.getString("code"), r.body());
        assertTrue(error.getString("message").startsWith(messageStart), r.body());
    }

    private static long count(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long submissionsOf(String handle) throws Exception {
        return count("SELECT count(*) FROM submissions s JOIN users u ON u.id = s.user_id WHERE u.handle = ?", handle);
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void aBatchIsStoredInOrderAndEveryItemIsJudged() throws Exception {
        NewUser u = user("batch_ok");
        List<String> verdicts = List.of("AC", "WA", "RTE", "AC");
        var r = batch(u.token(), verdicts.stream().map(IntakeTest::submission).toArray(JsonObject[]::new));
        assertEquals(202, r.status(), r.body());
        JsonArray ids = r.json().getJsonArray("ids");
        assertEquals(verdicts.size(), ids.size(), r.body());
        assertEquals(verdicts.size(), ids.stream().distinct().count());
        for (int i = 0; i < ids.size(); i++) {
            JsonObject judged = ApiFlowTest.awaitVerdict(api, ids.getString(i), u.token());
            assertEquals(verdicts.get(i), judged.getString("verdict"), "item " + i + ": " + judged.encode());
        }
        // stored in the batch's order: their times follow it
        List<String> byTime = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement q = c.prepareStatement("SELECT s.id::text FROM submissions s JOIN users u ON u.id = s.user_id"
                     + " WHERE u.handle = 'batch_ok' ORDER BY s.created_at, s.id")) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    byTime.add(rs.getString(1));
                }
            }
        }
        assertEquals(ids.getList(), byTime);
    }

    @Test
    void oneBadItemRefusesTheWholeBatchNamingItsIndex() throws Exception {
        NewUser u = user("batch_bad");
        JsonObject badName = submission("AC");
        badName.getJsonArray("files").getJsonObject(0).put("name", "../escape.py");
        assertError(batch(u.token(), submission("AC"), submission("WA"), badName, submission("AC")),
                400, "invalid_file_name", "submissions[2]: ");
        assertError(batch(u.token(), submission("AC"), submission("AC").put("problem", "no-such-problem")),
                400, "problem_not_found", "submissions[1]: ");
        assertError(batch(u.token(), submission("AC").put("callback_url", "http://127.0.0.1:1/hook"), submission("AC")),
                400, "callback_not_allowed", "submissions[0]: ");
        var notObject = api.postJson("/api/v1/submissions/batch", u.token(),
                new JsonObject().put("submissions", new JsonArray().add(submission("AC")).add("oops")));
        assertError(notObject, 400, "invalid_field", "submissions[1]: ");
        assertEquals(0, submissionsOf("batch_bad"), "nothing of a refused batch is stored");
        assertEquals(0, count("SELECT count(*) FROM judge_jobs j JOIN users u ON u.id = j.user_id WHERE u.handle = 'batch_bad'"));

        assertError(batch(u.token()), 400, "missing_field", "'submissions'");
        JsonObject[] tooMany = new JsonObject[101];
        java.util.Arrays.fill(tooMany, submission("AC"));
        assertError(batch(u.token(), tooMany), 400, "batch_too_large", "a batch holds at most 100");
        assertEquals(0, submissionsOf("batch_bad"));
        assertEquals(401, batch(null, submission("AC")).status());
    }

    @Test
    void aFullBatchOfOneHundredIsAccepted() throws Exception {
        NewUser u = user("batch_full");
        JsonObject[] hundred = new JsonObject[100];
        java.util.Arrays.fill(hundred, submission("CE"));
        var r = batch(u.token(), hundred);
        assertEquals(202, r.status(), r.body());
        assertEquals(100, r.json().getJsonArray("ids").size());
        assertEquals(100, submissionsOf("batch_full"));
    }

    @Test
    void callbackUrlsOnPrivateAddressesAreRefused() throws Exception {
        NewUser u = user("ssrf");
        int other = receiver.port() == 65535 ? 65534 : receiver.port() + 1;
        for (String url : List.of("http://127.0.0.1:" + other + "/hook", "http://localhost:" + receiver.port() + "/hook",
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://192.168.1.1:8080/",
                "http://[::1]:" + receiver.port() + "/", "http://[fe80::1]/", "http://0.0.0.0:" + receiver.port() + "/",
                "http://[::ffff:127.0.0.1]:" + other + "/", "http://[::ffff:a9fe:a9fe]/")) {
            var r = api.postJson("/api/v1/submissions", u.token(), submission("AC").put("callback_url", url));
            assertError(r, 400, "callback_not_allowed", "'callback_url' cannot be called: ", url);
        }
        for (String url : List.of("ftp://example.org/", "file:///etc/passwd", "http://user:pw@example.org/",
                "http://example.org/" + "x".repeat(2000))) {
            var r = api.postJson("/api/v1/submissions", u.token(), submission("AC").put("callback_url", url));
            assertError(r, 400, "invalid_callback_url", "'callback_url' ", url);
        }
        assertEquals(0, submissionsOf("ssrf"));

        // the very URL the allow-list admits here is refused by a server whose allow-list is empty (the default)
        var plain = new ServerConfig(0, otherDataDir, db.url(), db.user(), db.password(), 0, ADMIN, false);
        try (JudgeServer apiOnly = JudgeServer.start(plain, JudgeServer.Role.API)) {
            var r = new ApiClient(apiOnly.port()).postJson("/api/v1/submissions", u.token(),
                    submission("AC").put("callback_url", receiver.url("/admitted-elsewhere")));
            assertError(r, 400, "callback_not_allowed", "'callback_url' cannot be called: its host '127.0.0.1' resolves to"
                    + " 127.0.0.1, a loopback address");
        }
        assertEquals(0, submissionsOf("ssrf"));
    }

    @Test
    void theJudgedSubmissionIsPostedOnceSignedWithTheUsersSecret() throws Exception {
        NewUser u = user("hooked");
        String path = "/ok/" + UUID.randomUUID();
        var r = api.postJson("/api/v1/submissions", u.token(), submission("AC").put("callback_url", receiver.url(path)));
        assertEquals(202, r.status(), r.body());
        String id = r.json().getString("id");

        Receiver.Call call = receiver.await(path, 1).get(0);
        assertEquals(hmac(u.secret(), call.body()), call.signature(), "X-Signature verifies under the user's secret");
        assertTrue(call.signature().matches("sha256=[0-9a-f]{64}"), call.signature());
        JsonObject body = new JsonObject(new String(call.body(), StandardCharsets.UTF_8));
        JsonObject shown = api.get("/api/v1/submissions/" + id, u.token()).json();
        assertEquals(id, body.getString("id"));
        assertEquals("done", body.getString("status"));
        assertEquals("AC", body.getString("verdict"));
        assertFalse(body.containsKey("files"), "the source is not echoed back");
        shown.remove("files");
        assertEquals(shown, body, "the body is the submission as its author reads it, without the files");

        Thread.sleep(2000); // several dispatcher polls: a delivered callback is not sent again
        assertEquals(1, receiver.calls(path).size());
        assertEquals(1, count("SELECT count(*) FROM submission_callbacks WHERE submission_id = ?::uuid"
                + " AND state = 'delivered' AND attempts = 1 AND last_status = 200", id));
    }

    @Test
    void aRotatedSecretSignsFromThenOn() throws Exception {
        NewUser u = user("rotating");
        var rotated = api.post("/api/v1/users/me/webhook-secret", u.token(), "application/json", new byte[0]);
        assertEquals(200, rotated.status(), rotated.body());
        String secret = rotated.json().getString("webhook_secret");
        assertNotEquals(u.secret(), secret);
        assertEquals(401, api.post("/api/v1/users/me/webhook-secret", null, "application/json", new byte[0]).status());

        String path = "/ok/" + UUID.randomUUID();
        JsonObject item = submission("WA").put("callback_url", receiver.url(path));
        var r = batch(u.token(), submission("AC"), item);
        assertEquals(202, r.status(), r.body());
        Receiver.Call call = receiver.await(path, 1).get(0);
        assertEquals(hmac(secret, call.body()), call.signature());
        assertNotEquals(hmac(u.secret(), call.body()), call.signature());
        JsonObject body = new JsonObject(new String(call.body(), StandardCharsets.UTF_8));
        assertEquals(r.json().getJsonArray("ids").getString(1), body.getString("id"), "the batch item that named the URL");
        assertEquals("WA", body.getString("verdict"));
    }

    @Test
    void aFailingReceiverIsTriedAgain() throws Exception {
        NewUser u = user("flaky");
        String path = "/flaky/" + UUID.randomUUID();
        var r = api.postJson("/api/v1/submissions", u.token(), submission("AC").put("callback_url", receiver.url(path)));
        assertEquals(202, r.status(), r.body());
        String id = r.json().getString("id");

        List<Receiver.Call> calls = receiver.await(path, 2);
        assertEquals(500, calls.get(0).answered());
        assertEquals(200, calls.get(1).answered());
        assertArrayEquals(calls.get(0).body(), calls.get(1).body(), "every attempt sends the same body");
        assertEquals(hmac(u.secret(), calls.get(1).body()), calls.get(1).signature());
        assertEquals(calls.get(0).callbackId(), calls.get(1).callbackId(), "one callback, two attempts");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (count("SELECT count(*) FROM submission_callbacks WHERE submission_id = ?::uuid AND state = 'delivered'", id) == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(1, count("SELECT count(*) FROM submission_callbacks WHERE submission_id = ?::uuid"
                + " AND state = 'delivered' AND attempts = 2 AND last_status = 200 AND last_error IS NULL", id));
    }

    @Test
    void aRedirectIsNeverFollowedAndCountsAsAFailedAttempt() throws Exception {
        NewUser u = user("redirected");
        String path = "/redirect/" + UUID.randomUUID();
        var r = api.postJson("/api/v1/submissions", u.token(), submission("AC").put("callback_url", receiver.url(path)));
        assertEquals(202, r.status(), r.body());
        String id = r.json().getString("id");
        receiver.await(path, 1);
        long deadline = System.nanoTime() + 10_000_000_000L;
        String failedAttempt = "SELECT count(*) FROM submission_callbacks WHERE submission_id = ?::uuid"
                + " AND state = 'pending' AND attempts >= 1 AND last_status = 302 AND last_error = 'answered 302'";
        while (count(failedAttempt, id) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, count(failedAttempt, id), "a 3xx is a failed attempt, to be retried");
        assertEquals(List.of(), receiver.calls("/redirected" + path), "the redirect's target is never called");
    }

    @Test
    void aRejudgeSendsItsOwnCallback() throws Exception {
        NewUser u = user("rejudged");
        String path = "/ok/" + UUID.randomUUID();
        var r = api.postJson("/api/v1/submissions", u.token(), submission("AC").put("callback_url", receiver.url(path)));
        assertEquals(202, r.status(), r.body());
        String id = r.json().getString("id");
        receiver.await(path, 1);
        var rejudge = api.postJson("/api/v1/submissions/" + id + "/rejudge", ADMIN, new JsonObject());
        assertTrue(rejudge.status() < 300, rejudge.body());
        List<Receiver.Call> calls = receiver.await(path, 2);
        assertNotEquals(calls.get(0).callbackId(), calls.get(1).callbackId(), "one callback per judgement");
        JsonObject second = new JsonObject(new String(calls.get(1).body(), StandardCharsets.UTF_8));
        assertEquals(hmac(u.secret(), calls.get(1).body()), calls.get(1).signature());
        assertEquals("done", second.getString("status"));
        assertEquals(2, second.getJsonArray("history").size(), "the rejudge's body carries both judgements: " + second);
        assertTrue(second.getJsonArray("history").getJsonObject(1).getBoolean("rejudge"));
    }

    @Test
    void aSubmissionWithoutACallbackUrlQueuesNoCallback() throws Exception {
        NewUser u = user("quiet");
        var r = api.postJson("/api/v1/submissions", u.token(), submission("AC"));
        assertEquals(202, r.status(), r.body());
        String id = r.json().getString("id");
        assertEquals("AC", ApiFlowTest.awaitVerdict(api, id, u.token()).getString("verdict"));
        assertEquals(0, count("SELECT count(*) FROM submission_callbacks WHERE submission_id = ?::uuid", id));
        assertNull(api.get("/api/v1/submissions/" + id, u.token()).json().getString("callback_url"));
    }

    /**
     * The harness's end: records every POST (signature, callback id, body) by path; a path under /flaky/ answers
     * 500 to its first call and 200 after, one under /redirect/ sends every call to /redirected/... with a 302.
     */
    static final class Receiver implements AutoCloseable {

        record Call(String signature, String callbackId, byte[] body, int answered) {
        }

        private final HttpServer http;
        private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

        Receiver() throws Exception {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                byte[] body = exchange.getRequestBody().readAllBytes();
                int n = seen.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                int status = path.startsWith("/redirect/") ? 302 : path.startsWith("/flaky/") && n == 1 ? 500 : 200;
                calls.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Call(
                        exchange.getRequestHeaders().getFirst("X-Signature"),
                        exchange.getRequestHeaders().getFirst("X-Callback-Id"), body, status));
                if (status == 302) {
                    exchange.getResponseHeaders().add("Location", url("/redirected" + path));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            http.start();
        }

        int port() {
            return http.getAddress().getPort();
        }

        String url(String path) {
            return "http://127.0.0.1:" + port() + path;
        }

        List<Call> calls(String path) {
            return List.copyOf(calls.getOrDefault(path, List.of()));
        }

        /** The first {@code n} calls on {@code path}, waiting for them (judging, then retries, take seconds). */
        List<Call> await(String path, int n) throws InterruptedException {
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (calls(path).size() < n) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(path + " got " + calls(path).size() + " calls, not " + n);
                }
                Thread.sleep(50);
            }
            return calls(path).subList(0, n);
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
