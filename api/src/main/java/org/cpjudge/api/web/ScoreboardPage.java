package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cpjudge.api.contest.Scoring;
import org.cpjudge.api.contest.WireEnum;

/**
 * {@code /contests/{id}}: the contest (its clock, its problems) and its scoreboard, rendered in full on the
 * server (scoreboard.jte), one page of rows at a time on big boards. {@code /static/js/scoreboard.js} then
 * follows the scoreboard's event stream, marks the signed-in contestant's row and shows their clarifications.
 */
public final class ScoreboardPage {

    /** The element the live script replaces: the same id on the page and in each re-fetched copy. */
    static final String BOARD_ID = "scoreboard";
    /** Rows per page, as the API's scoreboard pages (PublishedBoard.DEFAULT_PER_PAGE). */
    public static final int PER_PAGE = 100;
    static final String SCRIPT = "/static/js/scoreboard.js";

    private ScoreboardPage() {
    }

    /** A problem's column: its id (the link to its statement) and the label shown. */
    public record Column(String problem, String label, boolean linked) {
    }

    /**
     * One cell. {@code text} is what it says ("+2", "−3", "37.5"), {@code small} the line under it (the minute of
     * the accepted try, "1 pending"); {@code frozen}: tries made in the freeze, hidden until the end.
     */
    public record Cell(String css, String text, String small, boolean first, boolean frozen) {
        static final Cell EMPTY = new Cell("cell", "", null, false, false);
    }

    /** One contestant's row. */
    public record Row(String rank, String handle, String title, String displayName, String affiliation, boolean ai,
                      boolean unofficial, String solved, String penalty, String score, List<Cell> cells) {
    }

    /** Which slice of a big board this page shows: page {@code page} of {@code pages}, 1-based. */
    public record Pager(int page, int pages, int perPage, int offset, int total) {
        public boolean many() {
            return pages > 1;
        }

        /** The pages to offer: the first, the last, and two either side of this one (0 marks a gap). */
        public List<Integer> shown() {
            List<Integer> out = new ArrayList<>();
            for (int p = 1; p <= pages; p++) {
                if (p == 1 || p == pages || Math.abs(p - page) <= 2) {
                    out.add(p);
                } else if (!out.isEmpty() && out.get(out.size() - 1) != 0) {
                    out.add(0);
                }
            }
            return out;
        }
    }

    /** The board itself: what the live script swaps in whole. */
    public record Board(String contest, String version, boolean points, boolean frozen, List<Column> columns,
                        List<Row> rows, Pager pager) {
    }

    /** The page: the contest's facts and clock, and its board. */
    public record View(String id, String name, ContestsPage.Item contest, Board board) {
    }

    /**
     * Renders a contest (its JSON as the API gives it; may be null when only the scoreboard is known) and the
     * JSON of {@code GET /api/v1/contests/{id}/scoreboard}: the first page of rows.
     */
    public static String render(JsonObject contest, JsonObject scoreboard) {
        return render(contest, scoreboard, 1, Instant.now());
    }

    /** Renders page {@code page} (1-based; past the last shows the last) of the board. */
    public static String render(JsonObject contest, JsonObject scoreboard, int page, Instant now) {
        String id = contest != null && contest.getString("id") != null ? contest.getString("id")
                : scoreboard.getString("contest");
        String name = contest != null && contest.getString("name") != null ? contest.getString("name") : id;
        ContestsPage.Item item = contest == null ? null : ContestsPage.item(contest, now);
        View view = new View(id, name, item, board(id, contest, scoreboard, page));
        return Templates.render("scoreboard.jte", Map.of("view", view, "script", SCRIPT));
    }

    static Board board(String id, JsonObject contest, JsonObject scoreboard, int page) {
        JsonArray all = scoreboard.getJsonArray("rows", new JsonArray());
        List<String> problems = problemIds(contest, all);
        boolean points = isPoints(contest, scoreboard);
        boolean frozen = scoreboard.getBoolean("frozen", false);
        List<String> labels = labels(scoreboard, problems);
        // problems are shown (and so linked) once the contest has started; the board lists them from then on
        boolean linked = contest == null || !"upcoming".equals(contest.getString("status"));
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            columns.add(new Column(problems.get(i), labels.get(i), linked));
        }
        int total = all.size();
        int pages = Math.max(1, (total + PER_PAGE - 1) / PER_PAGE);
        int current = Math.min(Math.max(1, page), pages);
        int offset = (current - 1) * PER_PAGE;
        List<Row> rows = new ArrayList<>();
        for (int i = offset; i < Math.min(total, offset + PER_PAGE); i++) {
            rows.add(row(all.getJsonObject(i), problems, points, frozen));
        }
        return new Board(id, String.valueOf(scoreboard.getValue("version", "")), points, frozen, columns, rows,
                new Pager(current, pages, PER_PAGE, offset, total));
    }

    private static Row row(JsonObject row, List<String> problems, boolean points, boolean frozen) {
        List<Cell> cells = new ArrayList<>();
        for (String p : problems) {
            cells.add(cell(find(row, p), points, frozen));
        }
        return new Row(Format.number(row.getValue("rank")), row.getString("handle"), row.getString("title"),
                row.getString("display_name"), row.getString("affiliation"), "ai".equals(row.getString("kind")),
                row.getBoolean("unofficial", false), Format.number(row.getValue("solved")),
                Format.number(row.getValue("penalty")), Format.number(row.getValue("score")), cells);
    }

    /**
     * One problem's cell. ICPC, as Codeforces shows it: "+" for solved, "+2" when two tries were rejected
     * first, "−3" for three rejected tries, with the minute of the accepted one. IOI: the points. Tries still
     * judged, or made in the freeze (then hidden until the end), show as "?".
     */
    static Cell cell(JsonObject p, boolean points, boolean frozen) {
        if (p == null) {
            return Cell.EMPTY;
        }
        int attempts = p.getInteger("attempts", 0);
        boolean solved = p.getBoolean("solved", false);
        boolean first = p.getBoolean("first_solve", false);
        if (points) {
            Number score = p.getNumber("score");
            if (score == null && attempts == 0) {
                return Cell.EMPTY;
            }
            String css = solved ? "solved" : score != null && score.doubleValue() > 0 ? "partial" : "failed";
            return new Cell("cell " + css, Format.number(score == null ? 0 : score), null, first, false);
        }
        if (solved) {
            // once accepted, later tries (pending or not) change nothing
            int rejected = Math.max(0, attempts - 1);
            return new Cell("cell solved", "+" + (rejected > 0 ? rejected : ""), Format.number(p.getValue("time_minutes")),
                    first, false);
        }
        int pending = p.getInteger("pending", 0);
        if (pending > 0) {
            String text = (attempts > 0 ? "−" + attempts + " " : "") + "?";
            return frozen ? new Cell("cell pending frozen", text, pending + " frozen", false, true)
                    : new Cell("cell pending", text, pending + " pending", false, false);
        }
        if (attempts > 0) {
            return new Cell("cell failed", "−" + attempts, null, false, false);
        }
        return Cell.EMPTY;
    }

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
    private static boolean isPoints(JsonObject contest, JsonObject scoreboard) {
        String scoring = contest != null && contest.getString("scoring") != null ? contest.getString("scoring")
                : scoreboard.getString("scoring");
        return scoring != null && !WireEnum.wire(Scoring.ICPC).equals(scoring);
    }
}
