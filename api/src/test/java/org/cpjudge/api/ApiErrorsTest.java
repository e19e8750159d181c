package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests get the contract's error body with the right 4xx, and never a 5xx. */
class ApiErrorsTest {

    private static final String ADMIN = "errors-admin-token";

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static ApiClient api;
    private static String contestant;

    @BeforeAll
    static void start() throws Exception {
        var db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 1, ADMIN, false));
        api = new ApiClient(server.port());
        var r = api.postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", "carol"));
        assertEquals(201, r.status(), r.body());
        contestant = r.json().getString("token");
        var p = api.post("/api/v1/problems?id=sum", ADMIN, "application/zip", Zips.of(Zips.resource("packages/sum")));
        assertEquals(201, p.status(), p.body());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void assertError(ApiClient.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        JsonObject error = r.json().getJsonObject("error");
        assertEquals(code, error.getString("code"), r.body());
        assertFalse(error.getString("message").isBlank(), r.body());
    }

    private static JsonObject submission(String problem, String language, String name, String content) {
        return new JsonObject().put("problem", problem).put("language", language)
                .put("files", new JsonArray().add(new JsonObject().put("name", name).put("content", content)));
    }

    @Test
    void usersNeedAnAdministrator() throws Exception {
        JsonObject dave = new JsonObject().put("handle", "dave");
        assertError(api.postJson("/api/v1/users", null, dave), 401, "unauthenticated");
        assertError(api.postJson("/api/v1/users", "not-a-token", dave), 401, "invalid_token");
        assertError(api.postJson("/api/v1/users", contestant, dave), 403, "forbidden");
    }

    @Test
    void malformedUsersAreRefused() throws Exception {
        assertError(api.post("/api/v1/users", ADMIN, "application/json", "{not json".getBytes()), 400, "invalid_json");
        assertError(api.post("/api/v1/users", ADMIN, "application/json", "[1]".getBytes()), 400, "invalid_json");
        assertError(api.postJson("/api/v1/users", ADMIN, new JsonObject()), 400, "missing_field");
        assertError(api.postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", 7)), 400, "invalid_field");
        assertError(api.postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", "a b")), 400, "invalid_handle");
        assertError(api.postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", "erin").put("kind", "robot")),
                400, "invalid_kind");
        assertError(api.postJson("/api/v1/users", ADMIN, new JsonObject().put("handle", "carol")), 409, "handle_taken");
    }

    @Test
    void malformedSubmissionsAreRefusedAndNothingIsStored() throws Exception {
        String ok = "int main(void) { return 0; }";
        assertError(api.postJson("/api/v1/submissions", null, submission("sum", "c", "a.c", ok)), 401, "unauthenticated");
        assertError(api.postJson("/api/v1/submissions", contestant, submission("nope", "c", "a.c", ok)), 404,
                "problem_not_found");
        assertError(api.postJson("/api/v1/submissions", contestant, submission("sum", "cobol", "a.c", ok)), 400,
                "unknown_language");
        assertError(api.postJson("/api/v1/submissions", contestant, submission("sum", null, "a.unknown", ok)), 400,
                "unknown_language");
        assertError(api.postJson("/api/v1/submissions", contestant, submission("sum", "c", "../a.c", ok)), 400,
                "invalid_file_name");
        assertError(api.postJson("/api/v1/submissions", contestant,
                new JsonObject().put("problem", "sum").put("language", "c")), 400, "missing_field");
        assertError(api.postJson("/api/v1/submissions", contestant,
                new JsonObject().put("problem", "sum").put("files", new JsonArray().add("text"))), 400, "invalid_field");
        assertError(api.postJson("/api/v1/submissions", contestant,
                submission("sum", "c", "a.c", ok).put("contest", "no-such-contest")), 404, "contest_not_found");
        assertError(api.postJson("/api/v1/submissions", contestant,
                submission("sum", "c", "a.c", ok).put("attempt", new JsonObject().put("cost_usd", "cheap"))),
                400, "invalid_field");
        String huge = "x".repeat(300 * 1024);
        assertError(api.postJson("/api/v1/submissions", contestant, submission("sum", "c", "a.c", huge)), 413,
                "source_too_large");
        String tooHuge = "x".repeat(2 * 1024 * 1024);
        assertError(api.postJson("/api/v1/submissions", contestant, submission("sum", "c", "a.c", tooHuge)), 413,
                "payload_too_large");
    }

    @Test
    void unknownThingsAre404() throws Exception {
        assertError(api.get("/api/v1/submissions/00000000-0000-0000-0000-000000000000", null), 404,
                "submission_not_found");
        assertError(api.get("/api/v1/submissions/not-a-uuid", null), 404, "submission_not_found");
        assertError(api.get("/api/v1/problems/nope", null), 404, "problem_not_found");
        assertError(api.get("/api/v1/no/such/endpoint", null), 404, "not_found");
        assertError(api.get("/api/v1/users/nobody-here", null), 404, "user_not_found");
    }

    @Test
    void brokenPackagesAre400NamingTheProblem() throws Exception {
        assertError(api.post("/api/v1/problems", ADMIN, "text/plain", "hello".getBytes()), 415,
                "unsupported_media_type");
        assertError(api.post("/api/v1/problems", contestant, "application/zip",
                Zips.of(Zips.resource("packages/sum"))), 403, "forbidden");
        var notZip = api.post("/api/v1/problems?id=junk", ADMIN, "application/zip",
                "this is not a zip".getBytes(StandardCharsets.UTF_8));
        assertError(notZip, 400, "invalid_package");
        assertError(api.post("/api/v1/problems?id=Bad%20Id", ADMIN, "application/zip",
                Zips.of(Zips.resource("packages/sum"))), 400, "invalid_id");
    }

    @Test
    void aSubmissionByExtensionIsAccepted() throws Exception {
        var r = api.postJson("/api/v1/submissions", contestant, submission("sum", null, "a.cpp",
                "#include <cstdio>\nint main(){long long a,b;scanf(\"%lld %lld\",&a,&b);printf(\"%lld\\n\",a+b);}"));
        assertEquals(202, r.status(), r.body());
        assertTrue(r.json().getString("id").length() > 10);
    }
}
