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
 * {@code "problem"} is the problem's label or id. The body has passed the document's schema (each field's type and
 * bounds, 1 to {@value #MAX_ROWS} rows); what is checked here is what a schema cannot say, the first bad row
 * refused with its index.
 */
final class ReferenceStandingsForm {

    /** As the schema says (maxItems). */
    static final int MAX_ROWS = 200_000;

    private ReferenceStandingsForm() {
    }

    static List<ReferenceRow> parse(JsonObject body, Contest contest) {
        JsonArray rows = body.getJsonArray("standings");
        List<ReferenceRow> parsed = new ArrayList<>(rows.size());
        Set<String> handles = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            ReferenceRow row = row(rows.getJsonObject(i), i, contest);
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

    private static ReferenceRow row(JsonObject o, int i, Contest contest) {
        String handle = o.getString("handle");
        if (handle.isBlank()) {
            throw invalid(i, "'handle' must not be blank");
        }
        int rating = o.getInteger("rating");
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
            result = new Result.GivenRank(o.getLong("rank"));
        } else {
            // the schema types each, but cannot ask for the two together
            Number points = o.getNumber("points");
            Long penalty = o.getLong("penalty");
            if (points == null || penalty == null) {
                throw invalid(i, "a row by score gives both 'points' and 'penalty'");
            }
            result = new Result.Score(points.doubleValue(), penalty);
        }
        return new ReferenceRow(handle, rating, result);
    }

    private static List<ProblemCell> cells(JsonObject o, int i, Contest contest) {
        List<ProblemCell> cells = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object v : o.getJsonArray("problems")) {
            JsonObject c = (JsonObject) v;
            String name = c.getString("problem");
            ContestProblem problem = contest.problems().stream()
                    .filter(p -> p.label().equals(name) || p.problemId().equals(name)).findFirst()
                    .orElseThrow(() -> invalid(i, "problem '" + name + "' is not in contest '" + contest.id() + "'"));
            if (!seen.add(problem.problemId())) {
                throw invalid(i, "problem '" + name + "' is given twice");
            }
            boolean solved = Boolean.TRUE.equals(c.getBoolean("solved"));
            Integer minute = c.getInteger("minute");
            if (minute == null && solved) {
                throw invalid(i, "a solved problem gives its 'minute'");
            }
            if (minute != null && minute >= contest.durationMinutes()) {
                throw invalid(i, "'minute' must be from 0 to " + (contest.durationMinutes() - 1));
            }
            int rejected = c.getInteger("rejected") == null ? 0 : c.getInteger("rejected");
            Number given = c.getNumber("points");
            Double points = given == null ? null : given.doubleValue();
            cells.add(new ProblemCell(problem.problemId(), solved, minute, rejected, points));
        }
        return cells;
    }

    private static ApiException invalid(int index, String why) {
        return ApiException.badRequest("invalid_standings_row", "standings[" + index + "]: " + why);
    }
}
