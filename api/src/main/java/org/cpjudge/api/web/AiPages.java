package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import org.cpjudge.api.ai.GroupReport;

/**
 * {@code /ai} (the models leaderboard with its cost/rating plot, ai.jte) and {@code /ai/{model}} (a model's
 * contests, runs, pass@k and consensus@k, ai-model.jte), from the rows {@code GET /api/v1/ai/models} answers and
 * the groups of {@code GET /api/v1/ai/report?model=}, as an anonymous reader may see them.
 */
public final class AiPages {

    private AiPages() {
    }

    /** One model on the leaderboard. */
    public record ModelLine(int rank, String model, String provider, int contests, int runs, double mean, double lo,
                            double hi, Double percentile, int solved, double costUsd, Double costPerSolvedUsd) {
    }

    /** One virtual run of a model in a contest. */
    public record RunLine(String handle, String policy, Integer performance, Integer rank, int solved, double costUsd) {
    }

    /** A contest a model took: the mean performance of its runs there, and the runs. */
    public record ContestLine(String contest, double performance, List<RunLine> runs) {
    }

    /** One group of attempts (one contestant's samples for one problem). */
    public record GroupLine(String handle, String problem, String group, int n, int correct,
                            SortedMap<Integer, Double> passAt, SortedMap<Integer, Boolean> consensusAt,
                            Boolean firstAttemptCorrect, Boolean consensusCorrect, BigDecimal costUsd, int pending) {
    }

    /** Renders the leaderboard rows, highest mean first. */
    public static String leaderboard(List<JsonObject> rows) {
        List<ModelLine> models = new ArrayList<>();
        for (JsonObject r : rows) {
            models.add(line(models.size() + 1, r));
        }
        String plot = CostRatingPlot.svg(CostRatingPlot.models(rows));
        long plotted = models.stream().filter(m -> m.costPerSolvedUsd() != null).count();
        return Templates.render("ai.jte", Map.of("models", models, "plot", Templates.trusted(plot),
                "unplotted", models.size() - (int) plotted));
    }

    /**
     * Renders one model: its leaderboard row with performances (null when no counted run names it yet) and its
     * groups of attempts.
     */
    public static String model(String model, JsonObject row, List<GroupReport> groups) {
        List<ContestLine> contests = new ArrayList<>();
        if (row != null) {
            for (Object o : row.getJsonArray("performances", new JsonArray())) {
                JsonObject p = (JsonObject) o;
                List<RunLine> runs = new ArrayList<>();
                for (Object ro : p.getJsonArray("runs", new JsonArray())) {
                    JsonObject r = (JsonObject) ro;
                    runs.add(new RunLine(r.getString("handle"), r.getString("policy"),
                            r.getInteger("performance_rating"), r.getInteger("rank"), r.getInteger("solved", 0),
                            r.getDouble("cost_usd", 0.0)));
                }
                contests.add(new ContestLine(p.getString("contest"), p.getDouble("performance"), runs));
            }
        }
        List<GroupLine> lines = new ArrayList<>();
        TreeSet<Integer> ks = new TreeSet<>();
        for (GroupReport g : groups) {
            lines.add(new GroupLine(g.handle(), g.problem(), g.group(), g.n(), g.correct(), g.passAt(),
                    g.consensusAt(), g.firstAttemptCorrect(), g.consensusCorrect(), g.costUsd(), g.pending()));
            ks.addAll(g.passAt().keySet());
        }
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("model", model);
        params.put("summary", row == null ? null : line(0, row));
        params.put("protocol", row == null ? null : protocol(row));
        params.put("contests", contests);
        params.put("groups", lines);
        params.put("ks", new ArrayList<>(ks));
        return Templates.render("ai-model.jte", params);
    }

    private static ModelLine line(int rank, JsonObject r) {
        double mean = r.getDouble("mean_performance");
        JsonArray ci = r.getJsonArray("ci95", new JsonArray());
        return new ModelLine(rank, r.getString("model"), r.getString("provider"), r.getInteger("contests", 0),
                r.getInteger("runs", 0), mean, ci.size() > 0 ? ci.getDouble(0) : mean,
                ci.size() > 1 ? ci.getDouble(1) : mean, r.getDouble("percentile"), r.getInteger("solved", 0),
                r.getDouble("cost_usd", 0.0), r.getDouble("cost_per_solved_usd"));
    }

    /** How the model's runs were made, in words: policies, languages, the most tries on one problem. */
    private static String protocol(JsonObject row) {
        JsonObject p = row.getJsonObject("protocol", new JsonObject());
        List<String> parts = new ArrayList<>();
        JsonArray policies = p.getJsonArray("policies", new JsonArray());
        if (!policies.isEmpty()) {
            parts.add("submission times: " + String.join(", ", policies.stream().map(String::valueOf).toList()));
        }
        JsonArray languages = p.getJsonArray("languages", new JsonArray());
        if (!languages.isEmpty()) {
            parts.add("languages: " + String.join(", ", languages.stream().map(String::valueOf).toList()));
        }
        parts.add("at most " + p.getInteger("attempts_per_problem", 0) + " tries on one problem");
        return String.join("; ", parts);
    }

    /** A rating, rounded. */
    public static String rating(double r) {
        return String.valueOf(Math.round(r));
    }

    /** US dollars: at least cents, at most four decimals ($0.50, $0.0125, $12.00). */
    public static String usd(Number amount) {
        if (amount == null) {
            return Format.NONE;
        }
        BigDecimal d = new BigDecimal(amount.toString()).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return "$" + (d.scale() < 2 ? d.setScale(2) : d).toPlainString();
    }

    /** pass@k as a percentage with one decimal, or a dash where the group has fewer than k samples. */
    public static String passAt(GroupLine g, int k) {
        Double p = g.passAt().get(k);
        return p == null ? Format.NONE : String.format(Locale.ROOT, "%.1f%%", 100 * p);
    }

    /** consensus@k as yes or no, or a dash where the group has fewer than k samples. */
    public static String consensusAt(GroupLine g, int k) {
        return yesNo(g.consensusAt().get(k));
    }

    public static String yesNo(Boolean b) {
        return b == null ? Format.NONE : b ? "yes" : "no";
    }
}
