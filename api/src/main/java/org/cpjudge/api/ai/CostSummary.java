package org.cpjudge.api.ai;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the report's groups cost, in all, by model and by problem (a contest's sums are the report of
 * {@code ?contest=ID}). A group is one try at one problem; it solved the problem when its consensus pick is AC,
 * as {@link GroupReport#costPerSolvedUsd()} counts it. The cost per solved problem is the cost of every group,
 * solved or not, over the number solved: what one solved problem cost.
 */
public record CostSummary(Line total, List<Line> byModel, List<Line> byProblem) {

    /**
     * @param key  the model or problem; null for the total, and for groups whose attempts named no model
     */
    public record Line(String key, int groups, int solved, BigDecimal costUsd) {

        /** Null when nothing was solved. */
        public BigDecimal costPerSolvedUsd() {
            return solved == 0 ? null : costUsd.divide(BigDecimal.valueOf(solved), MathContext.DECIMAL64);
        }

        private Line plus(GroupReport r) {
            return new Line(key, groups + 1, solved + (Boolean.TRUE.equals(r.consensusCorrect()) ? 1 : 0),
                    costUsd.add(r.costUsd()));
        }
    }

    public static CostSummary of(Collection<GroupReport> rows) {
        Line total = new Line(null, 0, 0, BigDecimal.ZERO);
        for (GroupReport r : rows) {
            total = total.plus(r);
        }
        return new CostSummary(total, by(rows, GroupReport::model), by(rows, GroupReport::problem));
    }

    /** One line per key, by key (null first). */
    private static List<Line> by(Collection<GroupReport> rows, Function<GroupReport, String> key) {
        Map<String, Line> lines = new TreeMap<>(Comparator.nullsFirst(Comparator.<String>naturalOrder()));
        for (GroupReport r : rows) {
            String k = key.apply(r);
            lines.put(k, lines.getOrDefault(k, new Line(k, 0, 0, BigDecimal.ZERO)).plus(r));
        }
        return List.copyOf(lines.values());
    }
}
