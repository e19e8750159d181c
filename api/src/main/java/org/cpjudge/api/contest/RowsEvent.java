package org.cpjudge.api.contest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * The data of an SSE {@code rows} event: what one version changed on the public board. Whole rows whose
 * content changed, and for the rows that only moved, runs of positions in the previous version's order whose
 * rank moved by the same amount ({@code [from, to, by]}, inclusive): one verdict shifts a contiguous block of
 * rows by one, so this stays a few numbers where a list of ranks would name thousands of rows. {@code rejudged}
 * names the contestants whose verdicts this version sent back to be judged again.
 */
final class RowsEvent {

    private RowsEvent() {
    }

    /**
     * @param before  the board as the previous version showed it
     * @param now     the board's model after the change
     * @param changed  contestants whose rows changed in content
     * @param rejudged contestants a rejudge of this version concerns
     */
    static String encode(String contest, long previous, long version, Scoreboard before, Standings now,
                         Set<Long> changed, Set<Long> rejudged) {
        StringBuilder rows = new StringBuilder("[");
        for (long user : changed) {
            ScoreboardRow row = now.row(user);
            if (row != null) {
                rows.append(rows.length() > 1 ? "," : "").append(row.encode());
            }
        }
        rows.append(']');
        JsonArray shifts = new JsonArray();
        List<ScoreboardRow> old = before.rows();
        int runStart = -1;
        int runBy = 0;
        for (int i = 0; i <= old.size(); i++) {
            int by = 0;
            if (i < old.size()) {
                long user = old.get(i).participant().userId();
                ScoreboardRow row = now.row(user);
                if (row != null && !changed.contains(user)) {
                    by = row.rank() - old.get(i).rank();
                }
            }
            if (runStart >= 0 && by != runBy) {
                shifts.add(new JsonArray().add(runStart).add(i - 1).add(runBy));
                runStart = -1;
            }
            if (by != 0 && runStart < 0) {
                runStart = i;
                runBy = by;
            }
        }
        JsonArray rejudgedHandles = new JsonArray();
        for (long user : rejudged) {
            ScoreboardRow row = now.row(user);
            if (row != null) {
                rejudgedHandles.add(row.handle());
            }
        }
        String head = new JsonObject().put("contest", contest).put("previous_version", previous)
                .put("version", version).put("frozen", now.frozen()).put("rejudged", rejudgedHandles)
                .put("total_rows", now.snapshotSize()).put("shifts", shifts).encode();
        return head.substring(0, head.length() - 1) + ",\"rows\":" + rows + "}";
    }
}
