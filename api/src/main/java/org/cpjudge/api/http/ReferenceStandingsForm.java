package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cpjudge.api.virtual.ReferenceRow;
import org.cpjudge.rating.Result;

/**
 * The body of {@code POST /contests/{id}/standings}: {@code {"standings": [{"handle", "rating", "rank"} |
 * {"handle", "rating", "points", "penalty"}]}}. Every row is checked; the first bad one is refused with its index.
 */
final class ReferenceStandingsForm {

    static final int MAX_ROWS = 200_000;
    private static final int MAX_HANDLE = 100;
    /** Far beyond any rating seen: a typo, not a rating. */
    private static final int MAX_ABS_RATING = 10_000;

    private ReferenceStandingsForm() {
    }

    static List<ReferenceRow> parse(JsonObject body) {
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
            ReferenceRow row = row(rows.getValue(i), i);
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

    private static ReferenceRow row(Object value, int i) {
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
        if (hasRank == hasScore) {
            throw invalid(i, "a row gives either 'rank', or 'points' and 'penalty'");
        }
        Result result;
        if (hasRank) {
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
