package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idempotency-Key on POSTs that create, over HTTP on a real PostgreSQL: a retry (same key, same request, same
 * caller) answers the first answer again and creates nothing; the same key on another request is refused; keys
 * are the caller's own; a refused request keeps nothing; a key expires. The server runs no worker (the language
 * is configured), since nothing here needs judging.
 */
class IdempotencyTest {

    private static final String ADMIN = "idempotency-admin-token";
    private static final String PROBLEM = "sum-idem";

    @TempDir
    static Path dataDir;
    private static TestDatabases.Credentials db;
    private static JudgeServer server;
    private static ApiClient api;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 0, ADMIN, false)
                .withLanguages(List.of("c")));
        api = new ApiClient(server.port());
        api.importSum(ADMIN, PROBLEM);
        alice = api.createUser(ADMIN, "idem_alice", "human");
        bob = api.createUser(ADMIN, "idem_bob", "human");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonObject submission(String source) {
        return ApiClient.body("problem", PROBLEM, "language", "c",
                "files", new JsonArray().add(ApiClient.body("name", "sum.c", "content", source)));
    }

    private static final String SUM = Sources.SUM.get("c").get("AC").content();

    private static ApiClient.Response submit(String token, String key, JsonObject body) throws Exception {
        return api.postJson("/api/v1/submissions", token, body, "Idempotency-Key", key);
    }

    @Test
    void aRetriedSubmissionAnswersTheFirstAnswerAndIsStoredOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        JsonObject body = submission(SUM + "// retried\n");
        ApiClient.Response first = submit(alice, key, body);
        assertEquals(202, first.status(), first.body());
        ApiClient.Response retry = submit(alice, key, body);
        assertEquals(202, retry.status(), retry.body());
        assertEquals(first.json(), retry.json());
        assertEquals(1, count("SELECT count(*) FROM submissions WHERE files::text LIKE '%// retried%'"));
        assertEquals(1, count("SELECT count(*) FROM judge_jobs j JOIN submissions s ON s.id = j.submission_id"
                + " WHERE s.files::text LIKE '%// retried%'"));
        // without a key, the same body is a second submission, as before
        ApiClient.Response unkeyed = api.postJson("/api/v1/submissions", alice, body);
        assertEquals(202, unkeyed.status(), unkeyed.body());
        assertNotEquals(first.json().getString("id"), unkeyed.json().getString("id"));
    }

    @Test
    void theSameKeyOnAnotherBodyIsRefusedAndCreatesNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        assertEquals(202, submit(alice, key, submission(SUM + "// original\n")).status());
        ApiClient.Response reused = submit(alice, key, submission(SUM + "// changed\n"));
        assertEquals(422, reused.status(), reused.body());
        assertEquals("idempotency_key_reused", reused.json().getJsonObject("error").getString("code"));
        assertEquals(0, count("SELECT count(*) FROM submissions WHERE files::text LIKE '%// changed%'"));
        // nor on another endpoint
        ApiClient.Response elsewhere = api.postJson("/api/v1/submissions/batch", alice,
                ApiClient.body("submissions", new JsonArray().add(submission(SUM + "// original\n"))),
                "Idempotency-Key", key);
        assertEquals(422, elsewhere.status(), elsewhere.body());
    }

    @Test
    void keysBelongToTheirCaller() throws Exception {
        String key = UUID.randomUUID().toString();
        JsonObject body = submission(SUM + "// per caller\n");
        ApiClient.Response byAlice = submit(alice, key, body);
        ApiClient.Response byBob = submit(bob, key, body);
        assertEquals(202, byAlice.status(), byAlice.body());
        assertEquals(202, byBob.status(), byBob.body());
        assertNotEquals(byAlice.json().getString("id"), byBob.json().getString("id"));
        assertEquals(2, count("SELECT count(*) FROM submissions WHERE files::text LIKE '%// per caller%'"));
        // the caller's token is never stored
        assertEquals(0, count("SELECT count(*) FROM idempotency_keys WHERE caller LIKE '%" + alice + "%'"));
    }

    @Test
    void concurrentRetriesCreateOneSubmission() throws Exception {
        String key = UUID.randomUUID().toString();
        JsonObject body = submission(SUM + "// concurrent\n");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> submit(alice, key, body)));
            }
            Set<String> ids = new HashSet<>();
            for (Future<ApiClient.Response> answer : answers) {
                ApiClient.Response r = answer.get();
                assertEquals(202, r.status(), r.body());
                ids.add(r.json().getString("id"));
            }
            assertEquals(1, ids.size(), "ids: " + ids);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("SELECT count(*) FROM submissions WHERE files::text LIKE '%// concurrent%'"));
    }

    @Test
    void aRetriedBatchIsStoredOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        JsonObject body = ApiClient.body("submissions", new JsonArray().add(submission(SUM + "// batch 1\n"))
                .add(submission(SUM + "// batch 2\n")));
        ApiClient.Response first = api.postJson("/api/v1/submissions/batch", alice, body, "Idempotency-Key", key);
        ApiClient.Response retry = api.postJson("/api/v1/submissions/batch", alice, body, "Idempotency-Key", key);
        assertEquals(202, first.status(), first.body());
        assertEquals(first.json(), retry.json());
        assertEquals(2, count("SELECT count(*) FROM submissions WHERE files::text LIKE '%// batch _%'"));
    }

    @Test
    void aRetriedUserCreationAnswersTheSameTokenAndARefusalIsNotKept() throws Exception {
        String key = UUID.randomUUID().toString();
        JsonObject body = ApiClient.body("handle", "idem_carol", "kind", "human");
        ApiClient.Response first = api.postJson("/api/v1/users", ADMIN, body, "Idempotency-Key", key);
        assertEquals(201, first.status(), first.body());
        ApiClient.Response retry = api.postJson("/api/v1/users", ADMIN, body, "Idempotency-Key", key);
        assertEquals(201, retry.status(), retry.body());
        assertEquals(first.json().getString("token"), retry.json().getString("token"));
        assertEquals(1, count("SELECT count(*) FROM users WHERE handle = 'idem_carol'"));
        String carol = first.json().getString("token");
        assertEquals(200, api.get("/api/v1/users/idem_carol", carol).status());

        // the handle is taken now: with a new key this is a 409 (the store's unique violation, answered inside the
        // request's transaction), and the refusal is not kept: the key is free for the request that follows
        String other = UUID.randomUUID().toString();
        ApiClient.Response taken = api.postJson("/api/v1/users", ADMIN, body, "Idempotency-Key", other);
        assertEquals(409, taken.status(), taken.body());
        assertEquals("handle_taken", taken.json().getJsonObject("error").getString("code"));
        assertEquals(0, count("SELECT count(*) FROM idempotency_keys WHERE key = '" + other + "'"));
    }

    @Test
    void aRetriedImportContestRegistrationAndContestSubmissionAreEachDoneOnce() throws Exception {
        byte[] zip = Zips.of(Zips.resource("packages/sum"));
        String importKey = UUID.randomUUID().toString();
        ApiClient.Response imported = api.post("/api/v1/problems?id=sum-idem-2", ADMIN, "application/zip", zip,
                "Idempotency-Key", importKey);
        ApiClient.Response reimported = api.post("/api/v1/problems?id=sum-idem-2", ADMIN, "application/zip", zip,
                "Idempotency-Key", importKey);
        assertEquals(201, imported.status(), imported.body());
        assertEquals(201, reimported.status(), "the first answer, not 409 for an id taken: " + reimported.body());
        assertEquals(imported.json(), reimported.json());

        JsonObject contest = new JsonObject().put("id", "idem-round").put("name", "Idempotent round")
                .put("start", java.time.Instant.now().minusSeconds(60).toString()).put("duration_minutes", 120)
                .put("scoring", "icpc").put("problems", new JsonArray().add("sum-idem-2")).put("freeze_minutes", 0)
                .put("rated", false);
        String contestKey = UUID.randomUUID().toString();
        ApiClient.Response created = api.postJson("/api/v1/contests", ADMIN, contest, "Idempotency-Key", contestKey);
        assertEquals(201, created.status(), created.body());
        assertEquals(created.json(), api.postJson("/api/v1/contests", ADMIN, contest, "Idempotency-Key", contestKey)
                .json());
        assertEquals(1, count("SELECT count(*) FROM contests WHERE id = 'idem-round'"));

        String registerKey = UUID.randomUUID().toString();
        ApiClient.Response registered = api.post("/api/v1/contests/idem-round/register", alice, "application/json",
                new byte[0], "Idempotency-Key", registerKey);
        assertEquals(201, registered.status(), registered.body());
        assertEquals(201, api.post("/api/v1/contests/idem-round/register", alice, "application/json", new byte[0],
                "Idempotency-Key", registerKey).status(), "the first answer again");

        String submitKey = UUID.randomUUID().toString();
        JsonObject inContest = ApiClient.body("problem", "sum-idem-2", "language", "c", "contest", "idem-round",
                "files", new JsonArray().add(ApiClient.body("name", "sum.c", "content", SUM)));
        ApiClient.Response first = submit(alice, submitKey, inContest);
        assertEquals(202, first.status(), first.body());
        assertEquals(first.json(), submit(alice, submitKey, inContest).json());
        assertEquals(1, count("SELECT count(*) FROM submissions WHERE contest_id = 'idem-round'"));
    }

    @Test
    void anExpiredKeyIsANewRequest() throws Exception {
        String key = UUID.randomUUID().toString();
        JsonObject body = submission(SUM + "// expiring\n");
        ApiClient.Response first = submit(alice, key, body);
        assertEquals(202, first.status(), first.body());
        assertEquals(1, update("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = '"
                + key + "'"));
        ApiClient.Response later = submit(alice, key, body);
        assertEquals(202, later.status(), later.body());
        assertNotEquals(first.json().getString("id"), later.json().getString("id"));
        assertEquals(2, count("SELECT count(*) FROM submissions WHERE files::text LIKE '%// expiring%'"));
    }

    @Test
    void aPostWithoutABodyIsKeyedByItsPathAlone() throws Exception {
        String key = UUID.randomUUID().toString();
        ApiClient.Response rotated = api.post("/api/v1/users/me/webhook-secret", bob, "application/json", new byte[0],
                "Idempotency-Key", key);
        ApiClient.Response retried = api.post("/api/v1/users/me/webhook-secret", bob, "application/json", new byte[0],
                "Idempotency-Key", key);
        assertEquals(200, rotated.status(), rotated.body());
        assertEquals(rotated.json().getString("webhook_secret"), retried.json().getString("webhook_secret"),
                "rotated once");
        ApiClient.Response again = api.post("/api/v1/users/me/webhook-secret", bob, "application/json", new byte[0]);
        assertNotEquals(rotated.json().getString("webhook_secret"), again.json().getString("webhook_secret"));
    }

    @Test
    void aMalformedKeyIsRefused() throws Exception {
        ApiClient.Response r = submit(alice, "x".repeat(300), submission(SUM));
        assertEquals(400, r.status(), r.body());
        assertEquals("invalid_idempotency_key", r.json().getJsonObject("error").getString("code"));
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement q = c.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private static int update(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement q = c.prepareStatement(sql)) {
            return q.executeUpdate();
        }
    }
}
