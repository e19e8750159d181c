package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.cpjudge.api.contest.Scoring;
import org.cpjudge.api.contest.WireEnum;

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
        b.append("<section id=\"").append(BOARD_ID).append("\" data-contest=\"").append(Html.text(id))
                .append("\" data-version=\"").append(Html.text(String.valueOf(scoreboard.getValue("version", ""))))
                .append("\" data-scoring=\"").append(ioi ? "points" : "icpc").append("\">\n");
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
        List<String> labels = labels(scoreboard, problems);
        for (int i = 0; i < problems.size(); i++) {
            String label = labels.get(i);
            b.append("<th class=\"cell\"").append(label.equals(problems.get(i)) ? ""
                    : " title=\"" + Html.text(problems.get(i)) + "\"").append(">").append(Html.text(label)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Object o : rows) {
            JsonObject row = (JsonObject) o;
            b.append("<tr data-handle=\"").append(Html.text(row.getString("handle"))).append("\" data-rank=\"")
                    .append(Html.number(row.getValue("rank"))).append("\"><td class=\"num\">")
                    .append(Html.number(row.getValue("rank"))).append("</td><td class=\"who\">")
                    .append(Html.handle(row.getString("handle"), row.getString("title")));
            if (row.getString("display_name") != null) {
                b.append(" <span class=\"muted\">").append(Html.text(row.getString("display_name"))).append("</span>");
            }
            if (row.getString("affiliation") != null) {
                b.append(" <small class=\"muted\">").append(Html.text(row.getString("affiliation"))).append("</small>");
            }
            if ("ai".equals(row.getString("kind"))) {
                b.append(" <span class=\"badge\">AI</span>");
            }
            if (row.getBoolean("unofficial", false)) {
                b.append(" <span class=\"badge\" title=\"not ranked officially\">unofficial</span>");
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
            return "<td class=\"cell " + css + "\">" + Html.number(score == null ? 0 : score) + first(p) + "</td>";
        }
        if (solved) {
            // once accepted, later tries (pending or not) change nothing
            int rejected = Math.max(0, attempts - 1);
            return "<td class=\"cell solved\">+" + (rejected > 0 ? rejected : "") + "<small>"
                    + Html.number(p.getValue("time_minutes")) + "</small>" + first(p) + "</td>";
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

    /** The first accepted solve of a problem in the contest is marked, as boards usually do. */
    private static String first(JsonObject p) {
        return p.getBoolean("first_solve", false) ? FIRST_SOLVE : "";
    }

    private static final String FIRST_SOLVE = "<span class=\"first\" title=\"first to solve\">\u2605</span>";

    /** The board's labels (A, B, ...) when it gives one per column, else the problem ids. */
    private static List<String> labels(JsonObject scoreboard, List<String> problems) {
        JsonArray labels = scoreboard.getJsonArray("labels");
        JsonArray ids = scoreboard.getJsonArray("problems");
        if (labels == null || ids == null || labels.size() != ids.size()) {
            return problems;
        }
        List<String> out = new ArrayList<>();
        for (String p : problems) {
            int i = ids.getList().indexOf(p);
            out.add(i >= 0 && labels.getValue(i) != null ? String.valueOf(labels.getValue(i)) : p);
        }
        return out;
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

    /** Boards of points (IOI, Codeforces rounds) show a score; ICPC boards show solved and penalty. */
    private static boolean isIoi(JsonObject contest, JsonArray rows) {
        if (contest != null && contest.getString("scoring") != null) {
            return !WireEnum.wire(Scoring.ICPC).equals(contest.getString("scoring"));
        }
        return false;
    }

    /**
     * Progressive update. The contest's event stream sends the whole board ({@code scoreboard}: the page
     * fetches itself and swaps in the server-rendered board) or only what changed ({@code rows}: the rows
     * whose content changed, and shifts of the ranks of rows that only moved), which the script applies in place when
     * it follows the version the page shows, and otherwise answers by fetching the page again.
     */
    private static String liveScript(String id) {
        String stream = "/api/v1/contests/" + Html.segment(id) + "/scoreboard/stream";
        return "<script>\n(function () {\n"
                + "  if (!window.EventSource || !window.fetch || !window.DOMParser) { return; }\n"
                + "  var live = document.getElementById('live');\n"
                + "  var fetching = false, again = false;\n"
                + "  function stamp() { live.className = 'live on';\n"
                + "    live.textContent = 'Live: updated at ' + new Date().toLocaleTimeString() + '.'; }\n"
                + "  function refetch() {\n"
                + "    if (fetching) { again = true; return; }\n"
                + "    fetching = true;\n"
                + "    fetch(location.pathname, {cache: 'no-store'}).then(function (r) { return r.text(); })\n"
                + "      .then(function (html) {\n"
                + "        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('" + BOARD_ID + "');\n"
                + "        var current = document.getElementById('" + BOARD_ID + "');\n"
                + "        if (fresh && current) { current.replaceWith(document.importNode(fresh, true)); }\n"
                + "        stamp();\n"
                + "      }).finally(function () { fetching = false; if (again) { again = false; refetch(); } });\n"
                + "  }\n"
                + "  function text(n) { if (n === null || n === undefined) { return '\u2013'; }\n"
                + "    return String(Math.round(n * 100) / 100); }\n"
                + "  function el(tag, cls, content) { var e = document.createElement(tag);\n"
                + "    if (cls) { e.className = cls; } if (content !== undefined) { e.textContent = content; } return e; }\n"
                + "  function cell(p, points) {\n"
                + "    var td = el('td', 'cell'); if (!p) { return td; }\n"
                + "    function mark() { if (p.first_solve) { var m = el('span', 'first', '\u2605');\n"
                + "      m.title = 'first to solve'; td.appendChild(m); } }\n"
                + "    if (points) {\n"
                + "      if ((p.score === null || p.score === undefined) && !p.attempts) { return td; }\n"
                + "      td.className = 'cell ' + (p.solved ? 'solved' : p.score > 0 ? 'partial' : 'failed');\n"
                + "      td.textContent = text(p.score || 0); mark(); return td;\n"
                + "    }\n"
                + "    if (p.solved) { var rejected = Math.max(0, p.attempts - 1);\n"
                + "      td.className = 'cell solved'; td.textContent = '+' + (rejected > 0 ? rejected : '');\n"
                + "      td.appendChild(el('small', null, text(p.time_minutes))); mark(); return td; }\n"
                + "    if (p.pending > 0) { td.className = 'cell pending';\n"
                + "      td.textContent = (p.attempts > 0 ? '\u2212' + p.attempts + ' ' : '') + '?';\n"
                + "      td.appendChild(el('small', null, p.pending + ' pending')); return td; }\n"
                + "    if (p.attempts > 0) { td.className = 'cell failed'; td.textContent = '\u2212' + p.attempts; }\n"
                + "    return td;\n"
                + "  }\n"
                + "  function setRank(tr, rank) { tr.setAttribute('data-rank', rank); tr.cells[0].textContent = rank; }\n"
                + "  function apply(change) {\n"
                + "    var board = document.getElementById('" + BOARD_ID + "');\n"
                + "    var body = board && board.querySelector('tbody');\n"
                + "    if (!body || fetching || String(change.previous_version) !== board.getAttribute('data-version')) {\n"
                + "      refetch(); return; }\n"
                + "    var points = board.getAttribute('data-scoring') === 'points';\n"
                + "    var byHandle = {}, changed = {};\n"
                + "    Array.prototype.forEach.call(body.rows, function (tr) { byHandle[tr.getAttribute('data-handle')] = tr; });\n"
                + "    change.rows.forEach(function (row) { changed[row.handle] = true; });\n"
                + "    var before = Array.prototype.slice.call(body.rows);\n"
                + "    for (var s = 0; s < change.shifts.length; s++) {\n"
                + "      var shift = change.shifts[s];\n"
                + "      for (var at = shift[0]; at <= shift[1] && at < before.length; at++) {\n"
                + "        var tr0 = before[at];\n"
                + "        if (!changed[tr0.getAttribute('data-handle')]) {\n"
                + "          setRank(tr0, Number(tr0.getAttribute('data-rank')) + shift[2]); }\n"
                + "      }\n"
                + "    }\n"
                + "    var fixed = points ? 3 : 4;\n"
                + "    for (var i = 0; i < change.rows.length; i++) {\n"
                + "      var row = change.rows[i], tr = byHandle[row.handle];\n"
                + "      if (!tr) { refetch(); return; }\n"
                + "      setRank(tr, row.rank);\n"
                + "      if (points) { tr.cells[2].textContent = text(row.score); }\n"
                + "      else { tr.cells[2].textContent = text(row.solved); tr.cells[3].textContent = text(row.penalty); }\n"
                + "      for (var k = 0; k < row.problems.length && fixed + k < tr.cells.length; k++) {\n"
                + "        tr.replaceChild(cell(row.problems[k], points), tr.cells[fixed + k]);\n"
                + "      }\n"
                + "    }\n"
                + "    var rows = Array.prototype.slice.call(body.rows);\n"
                // the server's order: rank, then handle (its positions are what the next shifts refer to)
                + "    var order = rows.map(function (tr, n) {\n"
                + "      return [Number(tr.getAttribute('data-rank')), n, tr, tr.getAttribute('data-handle')]; });\n"
                + "    order.sort(function (a, b) { return a[0] - b[0] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0); });\n"
                + "    if (order.some(function (o, n) { return o[1] !== n; })) {\n"
                + "      order.forEach(function (o) { body.appendChild(o[2]); });\n"
                + "    }\n"
                + "    board.setAttribute('data-version', String(change.version));\n"
                + "    stamp();\n"
                + "  }\n"
                + "  var source = new EventSource(" + Scripts.string(stream) + ");\n"
                + "  source.addEventListener('open', function () {\n"
                + "    live.className = 'live on'; live.textContent = 'Live: the board updates by itself.';\n"
                + "  });\n"
                + "  source.addEventListener('error', function () {\n"
                + "    live.className = 'live'; live.textContent = 'Reconnecting\u2026';\n"
                + "  });\n"
                + "  source.addEventListener('scoreboard', function () { refetch(); });\n"
                + "  source.addEventListener('rows', function (e) { apply(JSON.parse(e.data)); });\n"
                + "})();\n</script>\n";
    }
}
