package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /users/{handle}}: a contestant's rating, title, rating graph and contest history (profile.jte). */
public final class ProfilePage {

    private ProfilePage() {
    }

    /** The profile as the page shows it; {@code graph} is the server-drawn SVG (RatingGraph), null without history. */
    public record View(String handle, String title, boolean ai, String name, String model, Integer rating,
                       Integer maxRating, String graph, List<Contest> history) {
    }

    /** One rated contest, newest first. {@code change} is "+12", "−7" or a dash; {@code changeCss} colours it. */
    public record Contest(String contest, String name, String rank, Integer before, Integer after, String change,
                          String changeCss) {
    }

    /** Renders the JSON of {@code GET /api/v1/users/{handle}}. */
    public static String render(JsonObject profile) {
        JsonArray history = profile.getJsonArray("history", new JsonArray());
        List<Contest> rows = new ArrayList<>();
        // newest first, as contestants look for their last contest
        for (int i = history.size() - 1; i >= 0; i--) {
            JsonObject h = history.getJsonObject(i);
            String contest = h.getString("contest");
            Integer before = h.getInteger("old_rating");
            Integer after = h.getInteger("new_rating");
            String change = Format.NONE;
            String css = "";
            if (before != null && after != null) {
                int d = after - before;
                change = d > 0 ? "+" + d : String.valueOf(d).replace('-', '−');
                css = d > 0 ? "verdict-AC" : d < 0 ? "verdict-WA" : "";
            }
            rows.add(new Contest(contest, h.getString("contest_name") != null ? h.getString("contest_name") : contest,
                    Format.number(h.getValue("rank")), before, after, change, css));
        }
        View view = new View(profile.getString("handle"), profile.getString("title"),
                "ai".equals(profile.getString("kind")), profile.getString("name"), profile.getString("model"),
                profile.getInteger("rating"), profile.getInteger("max_rating"),
                history.isEmpty() ? null : RatingGraph.svg(history), rows);
        return Templates.render("profile.jte", Map.of("view", view));
    }
}
