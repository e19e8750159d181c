package org.cpjudge.api.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Adding a model's counted runs up: order, means, percentile, cost and protocol, worked out by hand. */
class ModelBoardTest {

    private static ModelBoard.CountedRun run(String model, String provider, String handle, String contest,
                                             String policy, int performance, int solved, String cost,
                                             List<String> languages, int most) {
        return new ModelBoard.CountedRun(model, provider, null, handle, contest, policy, performance, 1, solved,
                new BigDecimal(cost), languages, most);
    }

    @Test
    void modelsAreAddedUpAndOrderedByMean() {
        List<ModelBoard.CountedRun> runs = List.of(
                run("m1", "p", "a1", "c1", "minute0", 1000, 1, "0.10", List.of("python3"), 1),
                run("m1", "q", "a2", "c1", "declared", 2000, 2, "0.20", List.of("cpp17", "python3"), 3),
                run("m1", "p", "a1", "c2", "minute0", 2500, 0, "0.30", List.of(), 0),
                run("m2", null, "b1", "c2", "clock", 2200, 0, "1.00", List.of("java"), 2));
        Map<String, int[]> ratings = Map.of("c1", new int[] {1000, 1500, 2100}, "c2", new int[] {1200, 1900});
        List<JsonObject> rows = ModelBoard.rows(runs, ratings, Bootstrap.standard(), true);
        // m1: c1 = (1000 + 2000) / 2 = 1500, c2 = 2500, mean 2000; m2: 2200, first
        assertEquals(List.of("m2", "m1"), rows.stream().map(r -> r.getString("model")).toList());
        JsonObject m1 = rows.get(1);
        assertEquals(2000.0, m1.getDouble("mean_performance"), 1e-9);
        assertEquals(500.0, m1.getDouble("standard_error"), 1e-9); // sd of (1500, 2500) is 707.1, over sqrt 2
        assertEquals(2, m1.getInteger("contests"));
        assertEquals(3, m1.getInteger("runs"));
        // 2000 among the pooled 1000, 1500, 2100, 1200, 1900: four strictly lower of five
        assertEquals(80.0, m1.getDouble("percentile"), 1e-9);
        assertEquals(0.6, m1.getDouble("cost_usd"), 1e-12);
        assertEquals(3, m1.getInteger("solved"));
        assertEquals(0.2, m1.getDouble("cost_per_solved_usd"), 1e-12);
        assertEquals("p, q", m1.getString("provider"), "users that disagree are all named");
        JsonObject protocol = m1.getJsonObject("protocol");
        assertEquals(new JsonArray().add("c1").add("c2"), protocol.getJsonArray("contests"));
        assertEquals(new JsonArray().add("declared").add("minute0"), protocol.getJsonArray("policies"));
        assertEquals(3, protocol.getInteger("attempts_per_problem"));
        assertEquals(new JsonArray().add("cpp17").add("python3"), protocol.getJsonArray("languages"));
        JsonArray performances = m1.getJsonArray("performances");
        assertEquals(1500.0, performances.getJsonObject(0).getDouble("performance"), 1e-9);
        assertEquals(2, performances.getJsonObject(0).getJsonArray("runs").size());

        JsonObject m2 = rows.get(0);
        assertNull(m2.getValue("standard_error"), "one contest: no spread between contests");
        assertEquals(new JsonArray().add(2200.0).add(2200.0), m2.getJsonArray("ci95"));
        assertNull(m2.getValue("cost_per_solved_usd"), "nothing solved");
        assertNull(m2.getValue("provider"));
        // 2200 among 1200 and 1900 (c2 only): both lower
        assertEquals(100.0, m2.getDouble("percentile"), 1e-9);
    }

    @Test
    void mostTriesOnAProblem() {
        assertEquals(0, ModelBoard.mostTriesOnAProblem(List.of()));
        assertEquals(3, ModelBoard.mostTriesOnAProblem(List.of("a", "b", "a", "c", "a", "b")));
    }
}
