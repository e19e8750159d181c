package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code /users/{handle}}: a contestant's rating, title, rating graph and contest history. */
public final class ProfilePage {

    private ProfilePage() {
    }

    /** Renders the JSON of {@code GET /api/v1/users/{handle}}. */
    public static String render(JsonObject profile) {
        String handle = profile.getString("handle");
        String title = profile.getString("title");
        Integer rating = profile.getInteger("rating");
        Integer maxRating = profile.getInteger("max_rating");
        StringBuilder b = new StringBuilder();
        b.append("<h1><span class=\"").append(Titles.cssClass(title)).append("\" id=\"handle\">").append(Html.text(handle))
                .append("</span>");
        if ("ai".equals(profile.getString("kind"))) {
            b.append(" <span class=\"badge\">AI</span>");
        }
        b.append("</h1>\n<p class=\"facts\"><span class=\"").append(Titles.cssClass(title)).append("\">")
                .append(title == null ? "Unrated" : Html.text(title)).append("</span>");
        if (profile.getString("name") != null) {
            b.append("<span>").append(Html.text(profile.getString("name"))).append("</span>");
        }
        if (profile.getString("model") != null) {
            b.append("<span>model ").append(Html.text(profile.getString("model"))).append("</span>");
        }
        b.append("</p>\n<dl class=\"summary\">\n<dt>Rating</dt><dd class=\"").append(Titles.cssClassOfRating(rating))
                .append("\" id=\"rating\">").append(Html.number(rating)).append("</dd>\n<dt>Max rating</dt><dd class=\"")
                .append(Titles.cssClassOfRating(maxRating)).append("\">").append(Html.number(maxRating))
                .append("</dd>\n</dl>\n");
        JsonArray history = profile.getJsonArray("history", new JsonArray());
        b.append("<h2>Rating</h2>\n");
        if (history.isEmpty()) {
            b.append("<p class=\"muted\">No rated contests yet.</p>\n");
        } else {
            b.append("<div class=\"graph\">").append(RatingGraph.svg(history)).append("</div>\n");
            historyTable(b, history);
        }
        return Html.page(handle, b.toString());
    }

    private static void historyTable(StringBuilder b, JsonArray history) {
        b.append("<h2>Contests</h2>\n<div class=\"table-wrap\"><table id=\"history\">\n<thead><tr><th>Contest</th>"
                + "<th class=\"num\">Rank</th><th class=\"num\">Old</th><th class=\"num\">New</th><th class=\"num\">Change</th>"
                + "</tr></thead>\n<tbody>\n");
        // newest first, as contestants look for their last contest
        for (int i = history.size() - 1; i >= 0; i--) {
            JsonObject h = history.getJsonObject(i);
            String contest = h.getString("contest");
            Integer before = h.getInteger("old_rating");
            Integer after = h.getInteger("new_rating");
            String delta = "–";
            String deltaCss = "";
            if (before != null && after != null) {
                int d = after - before;
                delta = d > 0 ? "+" + d : String.valueOf(d).replace('-', '−');
                deltaCss = d > 0 ? " verdict-AC" : d < 0 ? " verdict-WA" : "";
            }
            b.append("<tr><td><a href=\"/contests/").append(Html.text(Html.segment(contest))).append("\">")
                    .append(Html.text(h.getString("contest_name") != null ? h.getString("contest_name") : contest)).append("</a></td><td class=\"num\">").append(Html.number(h.getValue("rank")))
                    .append("</td><td class=\"num ").append(Titles.cssClassOfRating(before)).append("\">")
                    .append(Html.number(before)).append("</td><td class=\"num ").append(Titles.cssClassOfRating(after))
                    .append("\">").append(Html.number(after)).append("</td><td class=\"num").append(deltaCss).append("\">")
                    .append(delta).append("</td></tr>\n");
        }
        b.append("</tbody></table></div>\n");
    }
}
