package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.ContestProblem;
import org.cpjudge.api.virtual.ProblemCell;
import org.cpjudge.api.virtual.ReferenceRow;
import org.cpjudge.api.virtual.ReferenceScoring;
import org.cpjudge.rating.Result;

/**
 * The body of {@code POST /contests/{id}/standings}: {@code {"standings": [{"handle", "rating", "rank"} |
 * {"handle", "rating", "points", "penalty"} | {"handle", "rating", "problems": [{"problem", "solved", "minute",
 * "rejected", "points"}]}]}}. Per-problem results are scored by the contest's own rule (see {@link ReferenceScoring});
 * {@code "problem"} is the problem's label or id. Every row is checked; the first bad one is refused with its index.
 */
final class ReferenceStandingsForm {

    static final int MAX_ROWS = 200_000;
    private static final int MAX_HANDLE = 100;
    /** Far beyond any rating seen: a typo, not a rating. */
    private static final int MAX_ABS_RATING = 10_000;

    private ReferenceStandingsForm() {
    }

    private static final int MAX_TRIES = 10_000;

    static List<ReferenceRow> parse(JsonObject body, Contest contest) {
        JsonArray rows = JsonBodies.optionalArray(body, "standings");
        if (rows == null || rows.isEmpty()) {
            throw ApiException.badRequest("missing_field", "'standings' must hold at least one row");
        }
        if (rows.size() > MAX_ROWS) {
            throw ApiException.badRequest("too_many_rows", "at most " + MAX_ROWS + " rows, got " + rows.size());
        }
        List<ReferenceRow> parsed = new ArrayList<>(rows.size());
        Set<String> handles = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            ReferenceRow row = row(rows.getValue(i), i, contest);
            if (!handles.add(row.handle())) {
                throw invalid(i, "handle '" + row.handle() + "' appears twice");
            }
            if (!parsed.isEmpty() && parsed.get(0).byRank() != row.byRank()) {
                throw invalid(i, "all rows give a rank, or all give points and penalty: ranks and scores cannot be"
                        + " compared with each other");
            }
            parsed.add(row);
        }
        return parsed;
    }

    private static ReferenceRow row(Object value, int i, Contest contest) {
        if (!(value instanceof JsonObject o)) {
            throw invalid(i, "a row must be an object");
        }
        if (!(o.getValue("handle") instanceof String handle) || handle.isBlank() || handle.length() > MAX_HANDLE) {
            throw invalid(i, "'handle' must be a non-empty string of at most " + MAX_HANDLE + " characters");
        }
        long rating = wholeNumber(o, "rating", i, true);
        if (Math.abs(rating) > MAX_ABS_RATING) {
            throw invalid(i, "'rating' must be within [-" + MAX_ABS_RATING + ", " + MAX_ABS_RATING + "]");
        }
        boolean hasRank = o.containsKey("rank");
        boolean hasScore = o.containsKey("points") || o.containsKey("penalty");
        boolean hasProblems = o.containsKey("problems");
        if ((hasRank ? 1 : 0) + (hasScore ? 1 : 0) + (hasProblems ? 1 : 0) != 1) {
            throw invalid(i, "a row gives one of: 'rank'; 'points' and 'penalty'; 'problems'");
        }
        Result result;
        if (hasProblems) {
            result = ReferenceScoring.of(contest, cells(o, i, contest));
        } else if (hasRank) {
            long rank = wholeNumber(o, "rank", i, true);
            if (rank < 1) {
                throw invalid(i, "'rank' must be at least 1");
            }
            result = new Result.GivenRank(rank);
        } else {
            if (!(o.getValue("points") instanceof Number points) || !Double.isFinite(points.doubleValue())) {
                throw invalid(i, "'points' must be a number");
            }
            long penalty = wholeNumber(o, "penalty", i, true);
            if (penalty < 0) {
                throw invalid(i, "'penalty' must not be negative");
            }
            result = new Result.Score(points.doubleValue(), penalty);
        }
        return new ReferenceRow(handle, (int) rating, result);
    }

    private static List<ProblemCell> cells(JsonObject o, int i, Contest contest) {
        if (!(o.getValue("problems") instanceof JsonArray list)) {
            throw invalid(i, "'problems' must be an array of {\"problem\", \"solved\", \"minute\", \"rejected\", \"points\"}");
        }
        List<ProblemCell> cells = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object v : list) {
            if (!(v instanceof JsonObject c) || !(c.getValue("problem") instanceof String name)) {
                throw invalid(i, "each of 'problems' must be an object naming its \"problem\"");
            }
            ContestProblem problem = contest.problems().stream()
                    .filter(p -> p.label().equals(name) || p.problemId().equals(name)).findFirst()
                    .orElseThrow(() -> invalid(i, "problem '" + name + "' is not in contest '" + contest.id() + "'"));
            if (!seen.add(problem.problemId())) {
                throw invalid(i, "problem '" + name + "' is given twice");
            }
            Object solvedValue = c.getValue("solved", false);
            if (!(solvedValue instanceof Boolean solved)) {
                throw invalid(i, "'solved' must be true or false");
            }
            Integer minute = null;
            if (c.getValue("minute") != null || solved) {
                long m = wholeNumber(c, "minute", i, true);
                if (m < 0 || m >= contest.durationMinutes()) {
                    throw invalid(i, "'minute' must be from 0 to " + (contest.durationMinutes() - 1));
                }
                minute = (int) m;
            }
            int rejected = 0;
            if (c.getValue("rejected") != null) {
                long r = wholeNumber(c, "rejected", i, true);
                if (r < 0 || r > MAX_TRIES) {
                    throw invalid(i, "'rejected' must be from 0 to " + MAX_TRIES);
                }
                rejected = (int) r;
            }
            Double points = null;
            if (c.getValue("points") != null) {
                if (!(c.getValue("points") instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
                    throw invalid(i, "a problem's 'points' must be a number, at least 0");
                }
                points = n.doubleValue();
            }
            cells.add(new ProblemCell(problem.problemId(), solved, minute, rejected, points));
        }
        return cells;
    }

    private static long wholeNumber(JsonObject o, String field, int i, boolean required) {
        Object v = o.getValue(field);
        if (v == null && required) {
            throw invalid(i, "'" + field + "' is required");
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > 1e15) {
            throw invalid(i, "'" + field + "' must be a whole number");
        }
        return n.longValue();
    }

    private static ApiException invalid(int index, String why) {
        return ApiException.badRequest("invalid_standings_row", "standings[" + index + "]: " + why);
    }
}
