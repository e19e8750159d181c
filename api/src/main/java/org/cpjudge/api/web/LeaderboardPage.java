package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** {@code /leaderboard}: everyone by rating, humans and AI contestants apart or together. */
public final class LeaderboardPage {

    private LeaderboardPage() {
    }

    /** Renders the JSON of {@code GET /api/v1/leaderboard?kind=...}; {@code kind} is human, ai or all. */
    public static String render(JsonObject leaderboard, String kind) {
        StringBuilder b = new StringBuilder("<h1>Leaderboard</h1>\n<nav class=\"tabs\">");
        tab(b, "all", "Everyone", kind);
        tab(b, "human", "Humans", kind);
        tab(b, "ai", "AI", kind);
        b.append("</nav>\n");
        JsonArray rows = leaderboard.getJsonArray("rows", new JsonArray());
        if (rows.isEmpty()) {
            b.append("<p class=\"muted\">Nobody is rated yet: ratings come from finalized rated contests.</p>\n");
            return Html.page("Leaderboard", b.toString());
        }
        b.append("<div class=\"table-wrap\"><table id=\"leaderboard\">\n<thead><tr><th class=\"num\">Rank</th><th>Handle</th>"
                + "<th>Kind</th><th class=\"num\">Rating</th><th>Title</th><th class=\"num\">Percentile</th></tr></thead>\n<tbody>\n");
        for (Object o : rows) {
            JsonObject r = (JsonObject) o;
            String title = r.getString("title");
            b.append("<tr><td class=\"num\">").append(Html.number(r.getValue("rank"))).append("</td><td>")
                    .append(Html.handle(r.getString("handle"), title)).append("</td><td>")
                    .append("ai".equals(r.getString("kind")) ? "AI" : "human").append("</td><td class=\"num ")
                    .append(Titles.cssClass(title)).append("\">").append(Html.number(r.getValue("rating")))
                    .append("</td><td class=\"").append(Titles.cssClass(title)).append("\">").append(Html.text(title))
                    .append("</td><td class=\"num\">").append(percentile(r.getNumber("percentile")))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table></div>\n");
        return Html.page("Leaderboard", b.toString());
    }

    private static void tab(StringBuilder b, String kind, String label, String current) {
        b.append("<a href=\"/leaderboard?kind=").append(kind).append("\"")
                .append(kind.equals(current) ? " class=\"current\"" : "").append(">").append(label).append("</a>");
    }

    private static String percentile(Number p) {
        return p == null ? "–" : String.format(Locale.ROOT, "%.1f", p.doubleValue());
    }
}
