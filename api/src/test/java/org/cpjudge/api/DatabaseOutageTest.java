package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped under a stream of submissions, on a server of this test's own ({@link OwnPostgres}): every
 * request fails fast with 503 {@code database_unavailable} and Retry-After, {@code /health/ready} is 503 and
 * {@code /health/live} 200; when PostgreSQL is back the same server (no restart) takes requests again, and every
 * submission the client was told 202 is stored once (its retries carried the same Idempotency-Key) and judged.
 */
class DatabaseOutageTest {

    private static final String ADMIN = "outage-admin-token";
    private static final String PROBLEM = "sum-outage";
    private static final int SUBMISSIONS = 30;

    @TempDir
    static Path dataDir;
    private static OwnPostgres pg;
    private static JudgeServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        pg = OwnPostgres.create();
        server = JudgeServer.start(new ServerConfig(0, dataDir, pg.url(), pg.user(), "", 1, ADMIN, false));
        api = new ApiClient(server.port());
        api.importSum(ADMIN, PROBLEM);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static JsonObject submission(int n) {
        Sources.Source source = Sources.SUM.get("c").get("AC");
        return ApiClient.body("problem", PROBLEM, "language", "c", "files", new JsonArray()
                .add(ApiClient.body("name", source.file(), "content", source.content() + "// outage " + n + "\n")));
    }

    private static String code(ApiClient.Response r) {
        return r.json().getJsonObject("error").getString("code");
    }

    @Test
    void anOutageIsAFast503AndTheServerRecoversWithNothingAcknowledgedLost() throws Exception {
        String contestant = api.createUser(ADMIN, "outage_alice", "human");
        assertEquals(200, api.get("/health/ready", null).status());

        // a client submitting all along, each submission under its own key, retried after a 503 until a 202
        Map<Integer, String> accepted = new ConcurrentHashMap<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicInteger refusals = new AtomicInteger();
        Thread client = new Thread(() -> {
            try {
                for (int i = 0; i < SUBMISSIONS; i++) {
                    String key = UUID.randomUUID().toString();
                    while (true) {
                        ApiClient.Response r = api.postJson("/api/v1/submissions", contestant, submission(i),
                                "Idempotency-Key", key);
                        if (r.status() == 202) {
                            accepted.put(i, r.json().getString("id"));
                            break;
                        }
                        if (r.status() == 503 && "database_unavailable".equals(code(r))) {
                            refusals.incrementAndGet();
                        } else {
                            unexpected.add(r.status() + " " + r.body());
                        }
                        Thread.sleep(200);
                    }
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                unexpected.add(e.toString());
            }
        }, "outage-client");
        client.start();
        while (accepted.size() < 5 && client.isAlive()) {
            Thread.sleep(50);
        }

        pg.stop();
        String someId = accepted.values().iterator().next();
        for (String path : List.of("/api/v1/submissions/" + someId, "/health/ready", "/api/v1/languages")) {
            long started = System.nanoTime();
            ApiClient.Response r = api.get(path, contestant);
            long millis = (System.nanoTime() - started) / 1_000_000L;
            long seconds = millis / 1000;
            System.out.printf("outage: GET %s answered %d in %d ms%n", path, r.status(), millis);
            assertEquals(503, r.status(), path + ": " + r.body());
            assertEquals("database_unavailable", code(r), r.body());
            assertTrue(r.headers().firstValue("Retry-After").isPresent(), path + " has Retry-After");
            assertTrue(seconds < 10, path + " failed fast, not after a client's timeout: " + seconds + " s");
        }
        long started = System.nanoTime();
        ApiClient.Response refused = api.postJson("/api/v1/submissions", contestant, submission(-1));
        assertEquals(503, refused.status(), refused.body());
        assertTrue((System.nanoTime() - started) / 1_000_000_000L < 10, "POST failed fast");
        assertEquals(200, api.get("/health/live", null).status(), "the process lives on");
        // a crowd of readers at once: refused at once, not queued behind each other's wait for a connection
        // (with a pool timeout of seconds and a worker pool of 20 threads, 100 waiting readers would take 15 s)
        ExecutorService crowd = Executors.newFixedThreadPool(100);
        try {
            List<Future<long[]>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                answers.add(crowd.submit(() -> {
                    ApiClient reader = new ApiClient(server.port()); // a connection of its own, as a crowd has
                    long t0 = System.nanoTime();
                    ApiClient.Response r = reader.get("/api/v1/submissions/" + someId, contestant);
                    return new long[]{r.status(), (System.nanoTime() - t0) / 1_000_000L};
                }));
            }
            long slowest = 0;
            for (Future<long[]> answer : answers) {
                long[] r = answer.get();
                assertEquals(503, r[0]);
                assertTrue(r[1] < 10_000, "each of the crowd answered fast: " + r[1] + " ms");
                slowest = Math.max(slowest, r[1]);
            }
            System.out.printf("outage: 100 concurrent readers answered 503, the slowest in %d ms%n", slowest);
        } finally {
            crowd.shutdownNow();
        }
        int acceptedBefore = accepted.size();
        Thread.sleep(5_000);
        assertEquals(acceptedBefore, accepted.size(), "nothing is accepted while PostgreSQL is down");

        pg.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        int ready;
        do {
            Thread.sleep(250);
            ready = api.get("/health/ready", null).status();
        } while (ready != 200 && System.nanoTime() < deadline);
        assertEquals(200, ready, "ready again without a restart");
        System.out.printf("outage: ready again %d ms after PostgreSQL was started%n",
                (System.nanoTime() - (deadline - 60_000_000_000L)) / 1_000_000L);
        client.join(120_000);

        assertEquals(List.of(), unexpected, "only 202 and 503 database_unavailable");
        assertTrue(refusals.get() > 0, "the client met the outage");
        assertEquals(SUBMISSIONS, accepted.size());
        assertEquals(SUBMISSIONS, accepted.values().stream().distinct().count());
        // stored once each: the retries under the same key created nothing more
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), "");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*), count(DISTINCT files::text)"
                     + " FROM submissions WHERE files::text LIKE '%// outage %'")) {
            assertTrue(rs.next());
            assertEquals(SUBMISSIONS, rs.getInt(1));
            assertEquals(SUBMISSIONS, rs.getInt(2));
        }
        List<String> verdicts = new ArrayList<>();
        for (String id : accepted.values()) {
            JsonObject judged = ApiFlowTest.awaitVerdict(api, id, contestant);
            verdicts.add(judged.getString("verdict"));
            assertEquals(1, judged.getJsonArray("history").size(), "judged once: " + judged.encode());
        }
        assertEquals(SUBMISSIONS, verdicts.stream().filter("AC"::equals).count(), "verdicts: " + verdicts);
    }
}
