package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /contests/{id}}: the contest's scoreboard, rendered in full on the server. A small script then
 * listens to the scoreboard's event stream and swaps in the freshly rendered board whenever it changes.
 */
public final class ScoreboardPage {

    /** The element the live script replaces: the same id on the page and in each re-fetched copy. */
    static final String BOARD_ID = "scoreboard";

    private ScoreboardPage() {
    }

    /**
     * Renders a contest (its JSON as the API gives it; may be null when only the scoreboard is known) and the
     * JSON of {@code GET /api/v1/contests/{id}/scoreboard}.
     */
    public static String render(JsonObject contest, JsonObject scoreboard) {
        String id = contest != null && contest.getString("id") != null ? contest.getString("id")
                : scoreboard.getString("contest");
        String name = contest != null && contest.getString("name") != null ? contest.getString("name") : id;
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(Html.text(name)).append("</h1>\n");
        if (contest != null) {
            b.append(ContestsPage.facts(contest)).append('\n');
        }
        b.append("<p class=\"live\" id=\"live\">Standings as of loading this page.</p>\n");
        b.append(board(id, contest, scoreboard));
        b.append(liveScript(id));
        // readers without JavaScript get the board again every half minute
        String head = "<noscript><meta http-equiv=\"refresh\" content=\"30\"></noscript>\n";
        return Html.page(name, head, b.toString());
    }

    /** The board itself: the frozen notice and the standings table. */
    static String board(String id, JsonObject contest, JsonObject scoreboard) {
        JsonArray rows = scoreboard.getJsonArray("rows", new JsonArray());
        List<String> problems = problemIds(contest, rows);
        boolean ioi = isIoi(contest, rows);
        StringBuilder b = new StringBuilder();
        b.append("<section id=\"").append(BOARD_ID).append("\" data-contest=\"").append(Html.text(id)).append("\">\n");
        if (scoreboard.getBoolean("frozen", false)) {
            b.append("<p class=\"banner frozen\">The scoreboard is frozen: verdicts of the last minutes are hidden "
                    + "until the contest ends.</p>\n");
        }
        if (rows.isEmpty()) {
            b.append("<p class=\"muted\">No contestants on the board yet.</p>\n</section>\n");
            return b.toString();
        }
        b.append("<div class=\"table-wrap\"><table>\n<thead><tr><th class=\"num\">Rank</th><th>Contestant</th>");
        b.append(ioi ? "<th class=\"num\">Score</th>" : "<th class=\"num\">Solved</th><th class=\"num\">Penalty</th>");
        for (String p : problems) {
            b.append("<th class=\"cell\">").append(Html.text(p)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Object o : rows) {
            JsonObject row = (JsonObject) o;
            b.append("<tr><td class=\"num\">").append(Html.number(row.getValue("rank"))).append("</td><td class=\"who\">")
                    .append(Html.handle(row.getString("handle"), row.getString("title")));
            if ("ai".equals(row.getString("kind"))) {
                b.append(" <span class=\"badge\">AI</span>");
            }
            b.append("</td>");
            if (ioi) {
                b.append("<td class=\"num\">").append(Html.number(row.getValue("score"))).append("</td>");
            } else {
                b.append("<td class=\"num\">").append(Html.number(row.getValue("solved"))).append("</td><td class=\"num\">")
                        .append(Html.number(row.getValue("penalty"))).append("</td>");
            }
            for (String p : problems) {
                b.append(cell(find(row, p), ioi));
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n</section>\n");
        return b.toString();
    }

    /**
     * One problem's cell. ICPC, as Codeforces shows it: "+" for solved, "+2" when two tries were rejected
     * first, "−3" for three rejected tries, with the minute of the accepted one. IOI: the points.
     */
    private static String cell(JsonObject p, boolean ioi) {
        if (p == null) {
            return "<td class=\"cell\"></td>";
        }
        int attempts = p.getInteger("attempts", 0);
        boolean solved = p.getBoolean("solved", false);
        if (ioi) {
            Number score = p.getNumber("score");
            if (score == null && attempts == 0) {
                return "<td class=\"cell\"></td>";
            }
            String css = solved ? "solved" : score != null && score.doubleValue() > 0 ? "partial" : "failed";
            return "<td class=\"cell " + css + "\">" + Html.number(score == null ? 0 : score) + "</td>";
        }
        if (solved) {
            // once accepted, later tries (pending or not) change nothing
            int rejected = Math.max(0, attempts - 1);
            return "<td class=\"cell solved\">+" + (rejected > 0 ? rejected : "") + "<small>"
                    + Html.number(p.getValue("time_minutes")) + "</small></td>";
        }
        int pending = p.getInteger("pending", 0);
        if (pending > 0) {
            return "<td class=\"cell pending\">" + (attempts > 0 ? "−" + attempts + " " : "") + "?<small>" + pending
                    + " pending</small></td>";
        }
        if (attempts > 0) {
            return "<td class=\"cell failed\">−" + attempts + "</td>";
        }
        return "<td class=\"cell\"></td>";
    }

    private static JsonObject find(JsonObject row, String problem) {
        for (Object o : row.getJsonArray("problems", new JsonArray())) {
            JsonObject p = (JsonObject) o;
            if (problem.equals(p.getString("problem"))) {
                return p;
            }
        }
        return null;
    }

    /** The columns: the contest's problems in its order, or else those the rows name. */
    private static List<String> problemIds(JsonObject contest, JsonArray rows) {
        List<String> ids = new ArrayList<>();
        if (contest != null) {
            for (Object o : contest.getJsonArray("problems", new JsonArray())) {
                String id = o instanceof JsonObject p ? p.getString("id", p.getString("problem")) : String.valueOf(o);
                if (id != null && !ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        for (Object r : rows) {
            for (Object o : ((JsonObject) r).getJsonArray("problems", new JsonArray())) {
                String id = ((JsonObject) o).getString("problem");
                if (id != null && !ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private static boolean isIoi(JsonObject contest, JsonArray rows) {
        if (contest != null && contest.getString("scoring") != null) {
            return "ioi".equals(contest.getString("scoring"));
        }
        return false;
    }

    /**
     * Progressive update: the contest's event stream says when the board changed; the page then fetches
     * itself and swaps in the server-rendered board, so all escaping and layout stay on the server.
     */
    private static String liveScript(String id) {
        String stream = "/api/v1/contests/" + Html.segment(id) + "/scoreboard/stream";
        return "<script>\n(function () {\n"
                + "  if (!window.EventSource || !window.fetch || !window.DOMParser) { return; }\n"
                + "  var live = document.getElementById('live');\n"
                + "  var source = new EventSource(" + Scripts.string(stream) + ");\n"
                + "  source.addEventListener('open', function () {\n"
                + "    live.className = 'live on'; live.textContent = 'Live: the board updates by itself.';\n"
                + "  });\n"
                + "  source.addEventListener('error', function () {\n"
                + "    live.className = 'live'; live.textContent = 'Reconnecting…';\n"
                + "  });\n"
                + "  source.addEventListener('scoreboard', function () {\n"
                + "    fetch(location.pathname, {cache: 'no-store'}).then(function (r) { return r.text(); })\n"
                + "      .then(function (html) {\n"
                + "        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('" + BOARD_ID + "');\n"
                + "        var current = document.getElementById('" + BOARD_ID + "');\n"
                + "        if (fresh && current) { current.replaceWith(document.importNode(fresh, true)); }\n"
                + "        live.className = 'live on';\n"
                + "        live.textContent = 'Live: updated at ' + new Date().toLocaleTimeString() + '.';\n"
                + "      });\n"
                + "  });\n"
                + "})();\n</script>\n";
    }
}
