package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpjudge.api.config.ServerConfig;
import org.cpjudge.api.observe.AccessLog;
import org.cpjudge.api.observe.LogFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What an operator sees: {@code /metrics} in Prometheus's text format with the judge's meters after a real
 * judging, the health endpoints, and the process's log with {@code --log-format json}: every line a JSON object,
 * the submission's id on the lines about it, an access log line per request and no token anywhere. The server's
 * log is read where it goes, the process's standard error.
 */
class ObservabilityTest {

    private static final String ADMIN = "observability-admin-token";

    @TempDir
    static Path dataDir;
    private static PrintStream originalErr;
    private static final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private static TestDatabases.Credentials db;
    private static JudgeServer server;
    private static ApiClient api;
    private static String token;
    private static String submission;
    private static JsonObject verdict;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.fresh();
        originalErr = System.err;
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 1, ADMIN, false)
                .withLogFormat(LogFormat.JSON));
        api = new ApiClient(server.port());
        api.importSum(ADMIN, "sum-observed");
        token = api.createUser(ADMIN, "observed_alice", "human");
        var source = Sources.SUM.get("python3").get("AC");
        var r = api.postJson("/api/v1/submissions", token, new JsonObject().put("problem", "sum-observed")
                .put("language", "python3").put("files", new JsonArray().add(
                        new JsonObject().put("name", source.file()).put("content", source.content()))));
        assertEquals(202, r.status(), r.body());
        submission = r.json().getString("id");
        verdict = ApiFlowTest.awaitVerdict(api, submission, token);
        // a token where a careless access log would copy it: the query string
        assertEquals(200, api.get("/api/v1/languages?access_token=" + token, token).status());
        // lines are written by logback's own thread: wait until the last request's has come through
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!log.toString(StandardCharsets.UTF_8).contains("\"/api/v1/languages\"") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        System.setErr(originalErr);
        // back to logback.xml's text lines for the test classes after this one
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void metricsNameEveryPartOfJudgingAfterAJudgedSubmission() throws Exception {
        assertEquals("AC", verdict.getString("verdict"), verdict.encode());
        var r = api.get("/metrics", null);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                r.headers().toString());
        String text = r.body();
        for (String line : text.lines().toList()) {
            assertTrue(line.startsWith("#") || line.matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*})? \\S+( \\d+)?"),
                    "not Prometheus text: " + line);
        }
        assertTrue(value(text, "cpjudge_verdicts_total", Map.of("verdict", "AC")) >= 1, text);
        assertEquals(0, value(text, "cpjudge_verdicts_total", Map.of("verdict", "WA")), "no WA was judged");
        assertTrue(value(text, "cpjudge_judging_latency_seconds_count", Map.of("class", "practice")) >= 1, text);
        double latency = value(text, "cpjudge_judging_latency_seconds_sum", Map.of("class", "practice"));
        assertTrue(latency > 0 && latency < 300, "enqueue to verdict: " + latency);
        assertTrue(value(text, "cpjudge_judging_latency_seconds_bucket", Map.of("class", "practice", "le", "+Inf")) >= 1);
        assertTrue(value(text, "cpjudge_queue_wait_seconds_count", Map.of("class", "practice")) >= 1, text);
        // compiling a Python source and four tests: several sandboxed runs, each timed
        assertTrue(value(text, "cpjudge_sandbox_overhead_seconds_count", Map.of("outcome", "exited")) >= 4, text);
        // their values are checked with a job that waits (theQueueGaugesCountAWaitingJob)
        assertTrue(value(text, "cpjudge_queue_jobs", Map.of("state", "waiting")) >= 0, text);
        assertTrue(value(text, "cpjudge_queue_jobs", Map.of("state", "judging")) >= 0, text);
        assertTrue(value(text, "cpjudge_queue_oldest_age_seconds", Map.of()) >= 0, text);
        assertTrue(value(text, "hikaricp_connections_max", Map.of("pool", "judge-db")) >= 10, text);
        assertTrue(text.contains("hikaricp_connections_active{"), text);
        // Vert.x's own HTTP server metrics, by route template: one series for all submissions, none per id
        assertTrue(value(text, "vertx_http_server_response_time_seconds_count",
                Map.of("route", "/api/v1/submissions/:id", "method", "GET", "code", "200")) >= 1, text);
        assertTrue(value(text, "vertx_http_server_response_time_seconds_count",
                Map.of("route", "/api/v1/submissions", "method", "POST", "code", "202")) >= 1, text);
        assertFalse(text.contains(submission), "no series is named after a submission");
        assertFalse(text.contains(token), "no token in the metrics");
    }

    @Test
    void theQueueGaugesCountAWaitingJob() throws Exception {
        // a job for a language no worker has stays waiting: enqueued through the API's own path (a rejudge of
        // the judged submission would be claimed at once), so it is written straight into the queue here
        try (var c = sql(); var q = c.prepareStatement(
                "INSERT INTO judge_jobs (submission_id, user_id, language, priority, round, enqueued_at)"
                        + " SELECT id, user_id, 'no-such-language', 1, 1, now() - interval '90 seconds'"
                        + " FROM submissions WHERE id = ?::uuid")) {
            q.setString(1, submission);
            assertEquals(1, q.executeUpdate());
        }
        try {
            // the gauges read the queue at most once a second, and a scrape waits for a reading only briefly
            String text = api.get("/metrics", null).body();
            for (long deadline = System.nanoTime() + 20_000_000_000L; System.nanoTime() < deadline
                    && value(text, "cpjudge_queue_jobs", Map.of("state", "waiting")) != 1; ) {
                Thread.sleep(200);
                text = api.get("/metrics", null).body();
            }
            assertEquals(1, value(text, "cpjudge_queue_jobs", Map.of("state", "waiting")), text);
            double age = value(text, "cpjudge_queue_oldest_age_seconds", Map.of());
            assertTrue(age >= 90 && age < 200, "the oldest waiting job's age: " + age);
        } finally {
            try (var c = sql(); var q = c.prepareStatement(
                    "DELETE FROM judge_jobs WHERE language = 'no-such-language'")) {
                q.executeUpdate();
            }
        }
    }

    @Test
    void healthLiveAndReady() throws Exception {
        var live = api.get("/health/live", null);
        assertEquals(200, live.status(), live.body());
        assertEquals("live", live.json().getString("status"));
        var ready = api.get("/health/ready", null);
        assertEquals(200, ready.status(), "a worker runs: " + ready.body());
        assertEquals("ready", ready.json().getString("status"));
    }

    @Test
    void everyLogLineIsJsonAndTheLinesAboutTheSubmissionCarryItsId() {
        List<JsonObject> lines = logLines();
        List<JsonObject> about = lines.stream().filter(l -> submission.equals(mdc(l, "submission"))).toList();
        assertTrue(about.stream().anyMatch(l -> l.getString("loggerName").endsWith("JudgeWorker")
                        && l.getString("formattedMessage").startsWith("judged submission=" + submission)),
                "the worker's line about its verdict: " + about);
        List<JsonObject> access = about.stream().filter(l -> AccessLog.LOGGER.equals(l.getString("loggerName"))).toList();
        assertTrue(access.stream().anyMatch(l -> "POST".equals(kv(l, "method"))
                && "/api/v1/submissions".equals(kv(l, "route")) && "202".equals(kv(l, "status"))), "" + access);
        assertTrue(access.stream().anyMatch(l -> "GET".equals(kv(l, "method"))
                && "/api/v1/submissions/:id".equals(kv(l, "route"))), "" + access);
        for (JsonObject l : lines) {
            assertTrue(l.containsKey("timestamp") && l.containsKey("level") && l.containsKey("formattedMessage"),
                    l.encode());
        }
    }

    @Test
    void theAccessLogHasALinePerRequestAndNoToken() {
        List<JsonObject> access = logLines().stream()
                .filter(l -> AccessLog.LOGGER.equals(l.getString("loggerName"))).toList();
        JsonObject languages = access.stream().filter(l -> "/api/v1/languages".equals(kv(l, "route"))).findFirst()
                .orElseThrow(() -> new AssertionError("no line for GET /api/v1/languages: " + access));
        assertEquals("GET", kv(languages, "method"));
        assertEquals("200", kv(languages, "status"));
        assertEquals(null, kv(languages, "aborted"), "the response was sent whole: " + languages.encode());
        assertTrue(Long.parseLong(kv(languages, "bytes")) > 0, languages.encode());
        assertTrue(Double.parseDouble(kv(languages, "duration_ms")) >= 0, languages.encode());
        String all = log.toString(StandardCharsets.UTF_8);
        assertFalse(all.contains(token), "a contestant's token was logged");
        assertFalse(all.contains(ADMIN), "the administrator's token was logged");
        assertFalse(all.contains("access_token"), "a raw query string was logged");
        assertFalse(all.toLowerCase().contains("bearer"), "an Authorization header was logged");
    }

    private static java.sql.Connection sql() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    /** Every line the server wrote; each must be one JSON object. */
    private static List<JsonObject> logLines() {
        List<JsonObject> lines = new ArrayList<>();
        for (String line : log.toString(StandardCharsets.UTF_8).lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(new JsonObject(line));
            } catch (DecodeException e) {
                fail("a log line that is not JSON: " + line);
            }
        }
        assertFalse(lines.isEmpty(), "nothing was logged");
        return lines;
    }

    private static String mdc(JsonObject line, String key) {
        JsonObject mdc = line.getJsonObject("mdc");
        return mdc == null ? null : mdc.getString(key);
    }

    /** A key-value pair of the line (logback writes them as a list of one-key objects), as text. */
    private static String kv(JsonObject line, String key) {
        JsonArray pairs = line.getJsonArray("kvpList");
        if (pairs == null) {
            return null;
        }
        for (Object o : pairs) {
            JsonObject pair = (JsonObject) o;
            if (pair.containsKey(key)) {
                return String.valueOf(pair.getValue(key));
            }
        }
        return null;
    }

    /** The sample of {@code name} whose labels include {@code labels}; 0 when there is none (a counter not hit). */
    private static double value(String text, String name, Map<String, String> labels) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{(.*)})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = sample.matcher(text);
        while (m.find()) {
            String got = m.group(2) == null ? "" : m.group(2);
            if (labels.entrySet().stream().allMatch(e -> got.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
                return Double.parseDouble(m.group(3));
            }
        }
        if (!text.contains("# TYPE " + name.replaceAll("_(count|sum|bucket|total)$", ""))) {
            fail("no metric " + name + " at all");
        }
        return 0;
    }

    /** Writes to both streams: the test reads the log, and a failing run still shows it. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            synchronized (b) {
                b.write(x);
            }
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            synchronized (b) {
                b.write(bytes, off, len);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
        }
    }
}
