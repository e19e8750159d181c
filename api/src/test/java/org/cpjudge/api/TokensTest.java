package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.cpjudge.api.config.ServerConfig;
import org.cpjudge.api.store.Tokens;
import org.cpjudge.api.store.UserStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens: stored only as their SHA-256, rotated and revoked by their owner or an administrator with effect on
 * the next request, a changed configured administrator token retiring the old one, and a bad token a 401 on
 * every endpoint, public ones included.
 */
class TokensTest {

    @TempDir
    Path dataDir;

    private static JudgeServer start(TestDatabases.Credentials db, Path dataDir, String adminToken) throws Exception {
        return JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 0, adminToken, false));
    }

    private static void assertError(ApiClient.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().getJsonObject("error").getString("code"), r.body());
    }

    @Test
    void tokensAreRotatedAndRevokedAtOnce() throws Exception {
        var db = TestDatabases.fresh();
        JudgeServer server = start(db, dataDir, "rotation-admin");
        try {
            ApiClient api = new ApiClient(server.port());
            String alice = api.createUser("rotation-admin", "alice", "human");
            String bot = api.createUser("rotation-admin", "bot", "ai");

            // only the hash is stored: the plain token appears nowhere in the table
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                 ResultSet rs = c.createStatement().executeQuery("SELECT t.token_sha256 FROM api_tokens t"
                         + " JOIN users u ON u.id = t.user_id WHERE u.handle = 'alice'")) {
                assertTrue(rs.next());
                assertArrayEquals(Tokens.hash(alice), rs.getBytes(1));
                assertFalse(rs.next());
            }

            // the user rotates their own token: the old one is refused at once, the new one works
            var rotated = api.post("/api/v1/users/me/token", alice, "application/json", new byte[0]);
            assertEquals(200, rotated.status(), rotated.body());
            assertEquals("alice", rotated.json().getString("handle"));
            String alice2 = rotated.json().getString("token");
            assertNotEquals(alice, alice2);
            assertError(api.post("/api/v1/users/me/webhook-secret", alice, "application/json", new byte[0]),
                    401, "invalid_token");
            assertEquals(200, api.post("/api/v1/users/me/webhook-secret", alice2, "application/json", new byte[0])
                    .status());

            // a contestant may not touch anyone else's token
            assertError(api.post("/api/v1/users/alice/token", bot, "application/json", new byte[0]), 403, "forbidden");
            assertError(api.send("DELETE", "/api/v1/users/alice/token", bot), 403, "forbidden");
            assertError(api.post("/api/v1/users/alice/token", null, "application/json", new byte[0]),
                    401, "unauthenticated");

            // an administrator revokes alice: every token of hers stops working
            var revoked = api.send("DELETE", "/api/v1/users/alice/token", "rotation-admin");
            assertEquals(200, revoked.status(), revoked.body());
            assertEquals(1, revoked.json().getInteger("revoked"));
            assertError(api.post("/api/v1/users/me/webhook-secret", alice2, "application/json", new byte[0]),
                    401, "invalid_token");

            // ... and gives her a new one
            var issued = api.post("/api/v1/users/alice/token", "rotation-admin", "application/json", new byte[0]);
            assertEquals(200, issued.status(), issued.body());
            String alice3 = issued.json().getString("token");
            assertEquals(200, api.post("/api/v1/users/me/webhook-secret", alice3, "application/json", new byte[0])
                    .status());
            assertError(api.post("/api/v1/users/nobody/token", "rotation-admin", "application/json", new byte[0]),
                    404, "user_not_found");

            // signing out: the caller revokes their own token
            var out = api.send("DELETE", "/api/v1/users/me/token", bot);
            assertEquals(200, out.status(), out.body());
            assertError(api.post("/api/v1/users/me/webhook-secret", bot, "application/json", new byte[0]),
                    401, "invalid_token");
        } finally {
            server.close();
        }
    }

    /**
     * A token revoked by another API process sharing the database (here: by hand in SQL) is remembered as valid
     * here for at most {@link UserStore#TOKEN_MEMORY}, then refused.
     */
    @Test
    void aTokenRevokedElsewhereIsRefusedOnceItsMemoryRunsOut() throws Exception {
        var db = TestDatabases.fresh();
        JudgeServer server = start(db, dataDir, "elsewhere-admin");
        try {
            ApiClient api = new ApiClient(server.port());
            String carol = api.createUser("elsewhere-admin", "carol", "human");
            assertEquals(200, api.get("/api/v1/users/me", carol).status(), "the token is known and now remembered");
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                 PreparedStatement q = c.prepareStatement("DELETE FROM api_tokens WHERE token_sha256 = ?")) {
                q.setBytes(1, Tokens.hash(carol));
                assertEquals(1, q.executeUpdate());
            }
            Thread.sleep(UserStore.TOKEN_MEMORY.toMillis() + 200);
            assertError(api.get("/api/v1/users/me", carol), 401, "invalid_token");
            assertError(api.post("/api/v1/users/me/webhook-secret", carol, "application/json", new byte[0]),
                    401, "invalid_token");
        } finally {
            server.close();
        }
    }

    @Test
    void aChangedConfiguredAdministratorTokenRetiresTheOldOne() throws Exception {
        var db = TestDatabases.fresh();
        JudgeServer first = start(db, dataDir, "admin-token-one");
        first.close();
        // the same token again: still the administrator's
        JudgeServer again = start(db, dataDir, "admin-token-one");
        try {
            ApiClient api = new ApiClient(again.port());
            assertEquals(201, api.postJson("/api/v1/users", "admin-token-one", new JsonObject().put("handle", "u1"))
                    .status());
        } finally {
            again.close();
        }
        // the configuration changes: the old token stops working, the new one works
        JudgeServer rotated = start(db, dataDir, "admin-token-two");
        try {
            ApiClient api = new ApiClient(rotated.port());
            assertError(api.postJson("/api/v1/users", "admin-token-one", new JsonObject().put("handle", "u2")),
                    401, "invalid_token");
            assertEquals(201, api.postJson("/api/v1/users", "admin-token-two", new JsonObject().put("handle", "u2"))
                    .status());

            // an administrator token revoked through the API stays revoked across a restart with the same config
            assertEquals(200, api.send("DELETE", "/api/v1/users/me/token", "admin-token-two").status());
        } finally {
            rotated.close();
        }
        JudgeServer afterRevoke = start(db, dataDir, "admin-token-two");
        try {
            ApiClient api = new ApiClient(afterRevoke.port());
            assertError(api.postJson("/api/v1/users", "admin-token-two", new JsonObject().put("handle", "u3")),
                    401, "invalid_token");
        } finally {
            afterRevoke.close();
        }
        // a new configured token brings the administrator back
        JudgeServer recovered = start(db, dataDir, "admin-token-three");
        try {
            ApiClient api = new ApiClient(recovered.port());
            assertEquals(201, api.postJson("/api/v1/users", "admin-token-three", new JsonObject().put("handle", "u3"))
                    .status());
        } finally {
            recovered.close();
        }
    }

    @Test
    void theConfigurationNeverPrintsItsSecrets() {
        ServerConfig config = new ServerConfig(8080, dataDir, "jdbc:postgresql://db/judge", "judge", "db-secret-pw", 1,
                "admin-secret-token", false);
        String printed = config.toString();
        assertFalse(printed.contains("admin-secret-token"), printed);
        assertFalse(printed.contains("db-secret-pw"), printed);
        assertTrue(printed.contains("jdbc:postgresql://db/judge"), printed);
    }

    @Test
    void anUnknownTokenIsRefusedOnEveryPublicEndpoint() throws Exception {
        var db = TestDatabases.fresh();
        JudgeServer server = start(db, dataDir, "public-admin");
        try {
            ApiClient api = new ApiClient(server.port());
            api.importSum("public-admin", "sum");
            assertEquals(201, api.postJson("/api/v1/contests", "public-admin", new JsonObject().put("id", "r1")
                    .put("name", "R1").put("start", "2026-01-01T00:00:00Z").put("duration_minutes", 60)
                    .put("problems", new io.vertx.core.json.JsonArray().add("sum"))).status());
            List<String> publicPaths = List.of("/api/v1/languages", "/api/v1/leaderboard", "/api/v1/users/admin",
                    "/api/v1/contests", "/api/v1/contests/r1", "/api/v1/contests/r1/scoreboard",
                    "/api/v1/problems/sum", "/api/v1/ai/models", "/api/v1/contests/r1/clarifications",
                    "/clics", "/", "/leaderboard", "/contests/r1");
            List<String> wrong = new ArrayList<>();
            for (String path : publicPaths) {
                var anonymous = api.get(path, null);
                if (anonymous.status() >= 400) {
                    wrong.add(path + " anonymous: " + anonymous.status());
                }
                var bad = api.get(path, "no-such-token");
                if (bad.status() != 401 || !bad.body().contains("invalid_token")) {
                    wrong.add(path + " with a bad token: " + bad.status() + " " + bad.body());
                }
            }
            assertEquals(List.of(), wrong);
        } finally {
            server.close();
        }
    }
}
