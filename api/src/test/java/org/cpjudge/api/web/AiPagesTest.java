package org.cpjudge.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The AI pages rendered from API-shaped rows, without a server: numbers as they read, names as text. */
class AiPagesTest {

    private static JsonObject row(String model, double mean, Double costPerSolved) {
        return new JsonObject().put("model", model).put("provider", null).put("contests", 2).put("runs", 3)
                .put("mean_performance", mean).put("ci95", new JsonArray().add(mean - 100).add(mean + 100))
                .put("percentile", 41.25).put("solved", 4).put("cost_usd", 2.5).put("cost_per_solved_usd", costPerSolved);
    }

    @Test
    void moneyShowsCentsAndAtMostFourDecimals() {
        assertEquals("$0.50", AiPages.usd(0.5));
        assertEquals("$0.0125", AiPages.usd(0.0125));
        assertEquals("$0.0001", AiPages.usd(0.00012));
        assertEquals("$12.00", AiPages.usd(12));
        assertEquals("$0.00", AiPages.usd(0.0));
        assertEquals("–", AiPages.usd(null));
    }

    @Test
    void passAndConsensusCellsSayDashBeyondTheSamples() {
        var passAt = new TreeMap<Integer, Double>();
        passAt.put(1, 0.6);
        var consensusAt = new TreeMap<Integer, Boolean>();
        consensusAt.put(1, true);
        var g = new AiPages.GroupLine("h", "p", "g", 1, 1, passAt, consensusAt, true, true, BigDecimal.ONE, 0);
        assertEquals("60.0%", AiPages.passAt(g, 1));
        assertEquals("–", AiPages.passAt(g, 5));
        assertEquals("yes", AiPages.consensusAt(g, 1));
        assertEquals("–", AiPages.consensusAt(g, 2));
    }

    @Test
    void theLeaderboardListsEveryModelAndPlotsThoseWithACost() {
        String html = AiPages.leaderboard(List.of(row("m<i>1</i>", 1900, 0.2), row("plain", 1500, null)));
        assertTrue(html.contains("<svg class=\"cost-rating-plot\""), html);
        assertEquals(1, html.split("<circle class=\"point\"", -1).length - 1, "one point: " + html);
        assertTrue(html.contains(">m&lt;i&gt;1&lt;/i&gt;</a>"), html);
        assertFalse(html.contains("<i>1</i>"), html);
        assertTrue(html.contains("href=\"/ai/m%3Ci%3E1%3C%2Fi%3E\""), html);
        assertTrue(html.contains("<td class=\"num\">1800–2000</td>"), html);
        assertTrue(html.contains("<td class=\"num\">41.3</td>"), html);
        assertTrue(html.contains("1 model(s) solved nothing"), html);
    }

    @Test
    void aModelWithAttemptsButNoFinishedRunStillHasAPage() {
        String html = AiPages.model("solo", null, List.of());
        assertTrue(html.contains("<h1>solo</h1>"), html);
        assertTrue(html.contains("No finished virtual run"), html);
        assertTrue(html.contains("No attempt of this model is visible yet"), html);
    }
}
