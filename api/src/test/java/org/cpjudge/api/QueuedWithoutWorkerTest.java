package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no judge worker alive, submissions are accepted and queued, in the languages a worker announced before
 * (remembered after it left) or the configuration names, and judged once a worker starts; only a language no
 * worker ever had is refused.
 */
class QueuedWithoutWorkerTest {

    private static final String ADMIN = "queued-admin-token";

    @TempDir
    Path firstDir;
    @TempDir
    Path apiDir;
    @TempDir
    Path workerDir;

    private static JsonObject submission(String problem, String language) {
        Sources.Source source = Sources.SUM.get(language).get("AC");
        return ApiClient.body("problem", problem, "language", language,
                "files", new JsonArray().add(ApiClient.body("name", source.file(), "content", source.content())));
    }

    private static List<String> languageIds(ApiClient api) throws Exception {
        ApiClient.Response r = api.get("/api/v1/languages", null);
        assertEquals(200, r.status(), r.body());
        return r.array().stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }

    private static ServerConfig config(TestDatabases.Credentials db, Path dir, int workers) {
        return new ServerConfig(0, dir, db.url(), db.user(), db.password(), workers, ADMIN, false);
    }

    @Test
    void aSubmissionTakenWhileNoWorkerRunsIsJudgedOnceAWorkerStarts() throws Exception {
        TestDatabases.Credentials db = TestDatabases.fresh();
        String contestant;
        // a server with a worker announces its languages, then goes away (its worker leaves the registry)
        try (JudgeServer first = JudgeServer.start(config(db, firstDir, 1))) {
            ApiClient api = new ApiClient(first.port());
            api.importSum(ADMIN, "sum-queued");
            contestant = api.createUser(ADMIN, "queued_alice", "human");
        }
        try (JudgeServer apiOnly = JudgeServer.start(config(db, apiDir, 0))) {
            ApiClient api = new ApiClient(apiOnly.port());
            assertEquals(503, api.get("/health/ready", null).status(), "no worker is alive");
            assertTrue(languageIds(api).containsAll(List.of("c", "cpp", "python3")), "remembered: " + languageIds(api));

            ApiClient.Response taken = api.postJson("/api/v1/submissions", contestant, submission("sum-queued", "c"));
            assertEquals(202, taken.status(), taken.body());
            String id = taken.json().getString("id");
            JsonObject unknown = submission("sum-queued", "c").put("language", "cobol");
            ApiClient.Response refused = api.postJson("/api/v1/submissions", contestant, unknown);
            assertEquals(400, refused.status(), refused.body());
            assertEquals("unknown_language", refused.json().getJsonObject("error").getString("code"));
            ApiClient.Response waiting = api.get("/api/v1/submissions/" + id, contestant);
            assertEquals("queued", waiting.json().getString("status"), waiting.body());

            // a worker process starts: it takes the queued submission and judges it
            try (JudgeServer worker = JudgeServer.start(config(db, workerDir, 1), JudgeServer.Role.WORKER)) {
                JsonObject judged = ApiFlowTest.awaitVerdict(api, id, contestant);
                assertEquals("AC", judged.getString("verdict"), judged.encode());
            }
        }
    }

    @Test
    void configuredLanguagesAreTakenBeforeAnyWorkerAnnouncedThem() throws Exception {
        TestDatabases.Credentials db = TestDatabases.fresh();
        try (JudgeServer apiOnly = JudgeServer.start(config(db, apiDir, 0).withLanguages(List.of("python3")))) {
            ApiClient api = new ApiClient(apiOnly.port());
            assertEquals(List.of("python3"), languageIds(api));
            JsonObject python = api.get("/api/v1/languages", null).array().getJsonObject(0);
            assertTrue(python.getJsonArray("extensions").contains("py"), python.encode());
            api.importSum(ADMIN, "sum-configured");
            String contestant = api.createUser(ADMIN, "configured_bob", "human");

            ApiClient.Response taken = api.postJson("/api/v1/submissions", contestant,
                    submission("sum-configured", "python3"));
            assertEquals(202, taken.status(), taken.body());
            ApiClient.Response refused = api.postJson("/api/v1/submissions", contestant,
                    submission("sum-configured", "c"));
            assertEquals(400, refused.status(), refused.body());
            assertEquals("unknown_language", refused.json().getJsonObject("error").getString("code"));

            try (JudgeServer worker = JudgeServer.start(config(db, workerDir, 1), JudgeServer.Role.WORKER)) {
                JsonObject judged = ApiFlowTest.awaitVerdict(api, taken.json().getString("id"), contestant);
                assertEquals("AC", judged.getString("verdict"), judged.encode());
                // the worker announced its own languages: C is taken now
                assertTrue(languageIds(api).contains("c"), "after the worker: " + languageIds(api));
                assertEquals(202, api.postJson("/api/v1/submissions", contestant,
                        submission("sum-configured", "c")).status());
            }
        }
    }
}
