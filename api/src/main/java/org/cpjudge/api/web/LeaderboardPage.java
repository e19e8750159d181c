package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /leaderboard}: everyone by rating, humans and AI contestants apart or together (leaderboard.jte). */
public final class LeaderboardPage {

    /** The tabs, in order: the kind in the query and its label. */
    public static final List<Tab> TABS = List.of(new Tab("all", "Everyone"), new Tab("human", "Humans"),
            new Tab("ai", "AI"));

    private LeaderboardPage() {
    }

    /** A tab of the page: {@code ?kind=} and what it says. */
    public record Tab(String kind, String label) {
    }

    /** One rated user on the board. */
    public record Row(Object rank, String handle, boolean ai, Integer rating, String title, Number percentile) {
    }

    /** Renders the JSON of {@code GET /api/v1/leaderboard?kind=...}; {@code kind} is human, ai or all. */
    public static String render(JsonObject leaderboard, String kind) {
        List<Row> rows = new ArrayList<>();
        for (Object o : leaderboard.getJsonArray("rows", new JsonArray())) {
            JsonObject r = (JsonObject) o;
            rows.add(new Row(r.getValue("rank"), r.getString("handle"), "ai".equals(r.getString("kind")),
                    r.getInteger("rating"), r.getString("title"), r.getNumber("percentile")));
        }
        return Templates.render("leaderboard.jte", Map.of("kind", kind, "rows", rows));
    }
}
