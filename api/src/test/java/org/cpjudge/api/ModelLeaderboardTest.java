package org.cpjudge.api;

import static org.cpjudge.api.ApiClient.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cpjudge.api.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The models leaderboard over HTTP, with real judging: three AI users of two models take two finished contests
 * with imported reference standings; the leaderboard's means are checked against the performance ratings each
 * run's own result shows, its costs against the attempts' declared costs, and an active run counts for nobody.
 */
class ModelLeaderboardTest {

    private static final String ADMIN = "models-admin-token";
    private static final int DURATION = 120;

    @TempDir
    static Path dataDir;
    private static JudgeServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        TestDatabases.Credentials db = TestDatabases.fresh();
        server = JudgeServer.start(new ServerConfig(0, dataDir, db.url(), db.user(), db.password(), 2, ADMIN, false));
        api = new ApiClient(server.port());
        api.importSum(ADMIN, "ml-a", "ml-b", "ml-c", "ml-d");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String aiUser(String handle, String model, String provider, String version) throws Exception {
        var r = api.postJson("/api/v1/users", ADMIN, body("handle", handle, "kind", "ai", "model", model,
                "provider", provider, "model_version", version));
        assertEquals(201, r.status(), r.body());
        assertEquals(provider, r.json().getString("provider"));
        return r.json().getString("token");
    }

    /** A finished Codeforces-scored contest of two problems (500 and 1000) with three reference rows. */
    private static void finishedContest(String id, String a, String b, int[] ratings) throws Exception {
        var r = api.postJson("/api/v1/contests", ADMIN, body("id", id, "name", id,
                "start", Instant.now().minus(3 * DURATION, ChronoUnit.MINUTES).toString(),
                "duration_minutes", DURATION, "scoring", "codeforces", "points", body(a, 500, b, 1000),
                "problems", new JsonArray().add(a).add(b), "freeze_minutes", 0, "rated", false,
                // mlc1's problems carry a difficulty, mlc2's do not
                "ratings", id.equals("mlc1") ? body(a, 800, b, 1600) : null));
        assertEquals(201, r.status(), r.body());
        JsonArray rows = new JsonArray()
                .add(body("handle", id + "_top", "rating", ratings[0], "points", 1500, "penalty", 0))
                .add(body("handle", id + "_mid", "rating", ratings[1], "points", 700, "penalty", 0))
                .add(body("handle", id + "_low", "rating", ratings[2], "points", 0, "penalty", 0));
        var imported = api.postJson("/api/v1/contests/" + id + "/standings", ADMIN, body("standings", rows));
        assertEquals(201, imported.status(), imported.body());
    }

    private static void startRun(String contest, String token, String policy) throws Exception {
        var r = api.postJson("/api/v1/contests/" + contest + "/virtual", token, body("policy", policy));
        assertEquals(201, r.status(), r.body());
    }

    /** Submits a try in the user's run with the attempt's declared cost and waits for its verdict. */
    private static void judged(String token, String contest, String problem, String verdict, Integer minute,
                               double cost) throws Exception {
        var source = Sources.SUM.get("python3").get(verdict);
        JsonObject b = body("problem", problem, "language", "python3", "contest", contest,
                "files", new JsonArray().add(body("name", source.file(), "content", source.content())),
                "attempt", body("group", contest + "-" + problem, "cost_usd", cost));
        if (minute != null) {
            b.put("minute", minute);
        }
        var r = api.postJson("/api/v1/submissions", token, b);
        assertEquals(202, r.status(), r.body());
        assertEquals(verdict, ApiFlowTest.awaitVerdict(api, r.json().getString("id"), ADMIN).getString("verdict"));
    }

    private static void endRun(String contest, String token) throws Exception {
        var r = api.post("/api/v1/contests/" + contest + "/virtual/end", token, "application/json", new byte[0]);
        assertEquals(200, r.status(), r.body());
    }

    /** The run's performance rating as its own result shows it (read as the public, so only once it is over). */
    private static int performance(String contest, String handle) throws Exception {
        var r = api.get("/api/v1/contests/" + contest + "/virtual/" + handle, null);
        assertEquals(200, r.status(), r.body());
        return r.json().getInteger("performance_rating");
    }

    private static JsonArray models() throws Exception {
        var r = api.get("/api/v1/ai/models", null);
        assertEquals(200, r.status(), r.body());
        return r.json().getJsonArray("rows");
    }

    @Test
    void modelsAreRatedByTheMeanOfTheirContestPerformances() throws Exception {
        // naming a model: lengths checked, provider and version for AI users only, shown on the profile
        var tooLong = api.postJson("/api/v1/users", ADMIN, body("handle", "ml_long", "kind", "ai", "model", "m",
                "provider", "p".repeat(101)));
        assertEquals(400, tooLong.status(), tooLong.body());
        assertEquals("invalid_field", tooLong.json().getJsonObject("error").getString("code"));
        var human = api.postJson("/api/v1/users", ADMIN, body("handle", "ml_human", "kind", "human",
                "model_version", "v1"));
        assertEquals(400, human.status(), human.body());
        String alpha1 = aiUser("ml_alpha1", "alpha", "lab-x", "2026-01");
        String alpha2 = aiUser("ml_alpha2", "alpha", "lab-x", "2026-02");
        String beta1 = aiUser("ml_beta1", "lab-y/beta", "lab-y", "b1");
        String beta2 = aiUser("ml_beta2", "lab-y/beta", "lab-y", "b1");
        JsonObject profile = api.get("/api/v1/users/ml_alpha1", null).json();
        assertEquals("alpha", profile.getString("model"));
        assertEquals("lab-x", profile.getString("provider"));
        assertEquals("2026-01", profile.getString("model_version"));

        int[] ratings1 = {3000, 1800, 1100};
        int[] ratings2 = {2400, 1600, 1200};
        finishedContest("mlc1", "ml-a", "ml-b", ratings1);
        finishedContest("mlc2", "ml-c", "ml-d", ratings2);

        startRun("mlc1", alpha1, "minute0");
        judged(alpha1, "mlc1", "ml-a", "AC", null, 0.5);
        judged(alpha1, "mlc1", "ml-b", "WA", null, 0.25);
        startRun("mlc1", alpha2, "minute0");
        judged(alpha2, "mlc1", "ml-a", "WA", null, 0.1);
        judged(alpha2, "mlc1", "ml-a", "AC", null, 0.1);
        judged(alpha2, "mlc1", "ml-b", "AC", null, 0.1);
        startRun("mlc2", alpha1, "declared");
        judged(alpha1, "mlc2", "ml-c", "AC", 5, 1.0);
        judged(alpha1, "mlc2", "ml-d", "AC", 10, 1.0);
        startRun("mlc1", beta1, "minute0");
        judged(beta1, "mlc1", "ml-a", "WA", null, 0.2);
        startRun("mlc2", beta1, "minute0");
        judged(beta1, "mlc2", "ml-c", "AC", null, 0.3);
        // beta2's run stays active: its result is its author's alone, so it counts for nobody yet
        startRun("mlc2", beta2, "minute0");
        judged(beta2, "mlc2", "ml-c", "AC", null, 5.0);
        judged(beta2, "mlc2", "ml-d", "AC", null, 5.0);

        assertEquals(0, models().size(), "no run is over yet: " + models().encode());
        endRun("mlc1", alpha1);
        endRun("mlc1", alpha2);
        endRun("mlc2", alpha1);
        endRun("mlc1", beta1);
        endRun("mlc2", beta1);

        // CodeElo's mean: per contest the mean of its runs, then the mean over contests
        double alphaMean = ((performance("mlc1", "ml_alpha1") + performance("mlc1", "ml_alpha2")) / 2.0
                + performance("mlc2", "ml_alpha1")) / 2.0;
        double betaMean = (performance("mlc1", "ml_beta1") + performance("mlc2", "ml_beta1")) / 2.0;
        assertTrue(alphaMean != betaMean, alphaMean + " " + betaMean);

        JsonArray rows = models();
        assertEquals(2, rows.size(), rows.encode());
        JsonObject first = rows.getJsonObject(0);
        JsonObject second = rows.getJsonObject(1);
        JsonObject alpha = first.getString("model").equals("alpha") ? first : second;
        JsonObject beta = alpha == first ? second : first;
        assertEquals(alphaMean > betaMean ? "alpha" : "lab-y/beta", first.getString("model"), "by mean, highest first");
        assertEquals("lab-y/beta", beta.getString("model"));

        assertEquals("lab-x", alpha.getString("provider"));
        assertEquals(2, alpha.getInteger("contests"));
        assertEquals(3, alpha.getInteger("runs"));
        assertEquals(alphaMean, alpha.getDouble("mean_performance"), 1e-9);
        assertEquals(betaMean, beta.getDouble("mean_performance"), 1e-9);
        for (JsonObject row : List.of(alpha, beta)) {
            JsonArray ci = row.getJsonArray("ci95");
            double mean = row.getDouble("mean_performance");
            assertTrue(ci.getDouble(0) <= mean && mean <= ci.getDouble(1), row.encode());
            assertTrue(row.containsKey("standard_error"), row.encode());
            // the percentile of the rounded mean among the six reference ratings: the share rated strictly lower
            long below = java.util.stream.IntStream.concat(java.util.Arrays.stream(ratings1),
                    java.util.Arrays.stream(ratings2)).filter(r -> r < Math.round(mean)).count();
            assertEquals(100.0 * below / 6, row.getDouble("percentile"), 1e-9, row.encode());
        }
        // costs: every try of the counted runs; alpha solved a, then a and b in mlc1, c and d in mlc2
        assertEquals(0.5 + 0.25 + 0.1 + 0.1 + 0.1 + 1.0 + 1.0, alpha.getDouble("cost_usd"), 1e-9);
        assertEquals(5, alpha.getInteger("solved"));
        assertEquals(new JsonObject().put("800", 2).put("1600", 1).put("unrated", 2),
                alpha.getJsonObject("solved_by_difficulty"), "a twice and b in mlc1 (rated), c and d in mlc2 (unrated)");
        assertEquals(3.05 / 5, alpha.getDouble("cost_per_solved_usd"), 1e-9);
        assertEquals(0.2 + 0.3, beta.getDouble("cost_usd"), 1e-9, "beta2's active run is not counted");
        assertEquals(1, beta.getInteger("solved"));
        assertEquals(0.5, beta.getDouble("cost_per_solved_usd"), 1e-9);
        assertEquals(new JsonArray().add("ml_beta1"), beta.getJsonArray("handles"));

        // the protocol, read off the counted runs
        JsonObject protocol = alpha.getJsonObject("protocol");
        assertEquals(new JsonArray().add("mlc1").add("mlc2"), protocol.getJsonArray("contests"));
        assertEquals(new JsonArray().add("declared").add("minute0"), protocol.getJsonArray("policies"));
        assertEquals(2, protocol.getInteger("attempts_per_problem"), "alpha2 tried ml-a twice");
        assertEquals(new JsonArray().add("python3"), protocol.getJsonArray("languages"));
        assertEquals(1, beta.getJsonObject("protocol").getInteger("attempts_per_problem"));
        assertEquals(new JsonArray().add("minute0"), beta.getJsonObject("protocol").getJsonArray("policies"));
        assertEquals(2000, alpha.getJsonObject("interval").getInteger("resamples"));
        assertEquals(rows, models(), "the same runs give the same answer, interval included");

        // one model with its per-contest performances
        var one = api.get("/api/v1/ai/models/alpha", null);
        assertEquals(200, one.status(), one.body());
        JsonArray performances = one.json().getJsonArray("performances");
        assertEquals(2, performances.size());
        JsonObject c1 = performances.getJsonObject(0);
        assertEquals("mlc1", c1.getString("contest"));
        assertEquals(2, c1.getJsonArray("runs").size());
        assertEquals((performance("mlc1", "ml_alpha1") + performance("mlc1", "ml_alpha2")) / 2.0,
                c1.getDouble("performance"), 1e-9);
        assertEquals(performance("mlc2", "ml_alpha1"), performances.getJsonObject(1).getJsonArray("runs")
                .getJsonObject(0).getInteger("performance_rating"));
        assertEquals(alphaMean, one.json().getDouble("mean_performance"), 1e-9);
        // a model name with a slash, escaped in the path
        var slashed = api.get("/api/v1/ai/models/lab-y%2Fbeta", null);
        assertEquals(200, slashed.status(), slashed.body());
        assertEquals(betaMean, slashed.json().getDouble("mean_performance"), 1e-9);
        var none = api.get("/api/v1/ai/models/gamma", null);
        assertEquals(404, none.status(), none.body());
        assertEquals("model_not_found", none.json().getJsonObject("error").getString("code"));
        assertEquals(new JsonArray().add("2026-01").add("2026-02"), alpha.getJsonArray("model_versions"));
        assertEquals(new JsonArray().add("b1"), beta.getJsonArray("model_versions"));
    }
}
