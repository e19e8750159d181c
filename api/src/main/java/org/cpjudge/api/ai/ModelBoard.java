package org.cpjudge.api.ai;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cpjudge.rating.RatingDistribution;

/**
 * The models leaderboard: AI users grouped by the model they name, each model rated over its counted virtual
 * runs by {@link ModelRating}. Which runs count is the caller's business (finished runs of contests with reference
 * standings that give a performance rating, every try judged); this class only adds them up.
 *
 * <p>Per model: the percentile is that of the mean performance (rounded to an integer) among the human ratings
 * of the reference standings of its contests, pooled (a contest's every row once per contest), by
 * {@link RatingDistribution}'s definition (the share rated strictly lower). Cost is the sum of the declared
 * {@code cost_usd} of every try in the counted runs (a try without one adds nothing); problems solved are summed
 * over the runs; cost per solved problem is the one over the other, null when nothing was solved. Solved problems
 * are also counted by difficulty (the contest's {@code "ratings"}, Codeforces scale; "unrated" without one).
 *
 * <p>The protocol is read off the counted runs: {@code contests} the contests' ids, {@code policies} the runs'
 * submission policies, {@code languages} the languages of their tries (each sorted, without repeats), and
 * {@code attempts_per_problem} the most tries any one run made on one problem (the server caps nothing; this is
 * what the runs used).
 */
public final class ModelBoard {

    private ModelBoard() {
    }

    /**
     * One counted run.
     *
     * @param solvedDifficulties the difficulty (Codeforces scale) of each problem it solved, null for one not rated
     */
    public record CountedRun(String model, String provider, String modelVersion, String handle, String contest,
                             String policy, int performance, Integer rank, int solved, BigDecimal costUsd,
                             List<String> languages, int mostTriesOnAProblem, List<Integer> solvedDifficulties) {

        public CountedRun(String model, String provider, String modelVersion, String handle, String contest,
                          String policy, int performance, Integer rank, int solved, BigDecimal costUsd,
                          List<String> languages, int mostTriesOnAProblem) {
            this(model, provider, modelVersion, handle, contest, policy, performance, rank, solved, costUsd, languages,
                    mostTriesOnAProblem, java.util.Collections.nCopies(solved, null));
        }
    }

    private static JsonObject difficulties(Map<Integer, Integer> byDifficulty) {
        JsonObject json = new JsonObject();
        byDifficulty.forEach((d, n) -> json.put(d == null ? "unrated" : String.valueOf(d), n));
        return json;
    }

    /** The models' rows, by mean performance (highest first), then by model name. */
    public static List<JsonObject> rows(List<CountedRun> runs, Map<String, int[]> referenceRatings,
                                        Bootstrap bootstrap, boolean withPerformances) {
        Map<String, List<CountedRun>> byModel = new TreeMap<>();
        for (CountedRun r : runs) {
            byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
        }
        List<Map.Entry<Double, JsonObject>> rows = new ArrayList<>();
        for (Map.Entry<String, List<CountedRun>> e : byModel.entrySet()) {
            JsonObject row = row(e.getKey(), e.getValue(), referenceRatings, bootstrap, withPerformances);
            rows.add(Map.entry(row.getDouble("mean_performance"), row));
        }
        rows.sort(Comparator.comparing((Map.Entry<Double, JsonObject> x) -> -x.getKey())
                .thenComparing(x -> x.getValue().getString("model")));
        return rows.stream().map(Map.Entry::getValue).toList();
    }

    private static JsonObject row(String model, List<CountedRun> runs, Map<String, int[]> referenceRatings,
                                  Bootstrap bootstrap, boolean withPerformances) {
        Map<String, List<CountedRun>> byContest = new TreeMap<>();
        TreeSet<String> providers = new TreeSet<>();
        TreeSet<String> versions = new TreeSet<>();
        TreeSet<String> handles = new TreeSet<>();
        TreeSet<String> policies = new TreeSet<>();
        TreeSet<String> languages = new TreeSet<>();
        int attempts = 0;
        int solved = 0;
        // by difficulty, easiest first; problems without a rating last, as "unrated"
        Map<Integer, Integer> byDifficulty = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        BigDecimal cost = BigDecimal.ZERO;
        for (CountedRun r : runs) {
            byContest.computeIfAbsent(r.contest(), k -> new ArrayList<>()).add(r);
            if (r.provider() != null) {
                providers.add(r.provider());
            }
            if (r.modelVersion() != null) {
                versions.add(r.modelVersion());
            }
            handles.add(r.handle());
            policies.add(r.policy());
            languages.addAll(r.languages());
            attempts = Math.max(attempts, r.mostTriesOnAProblem());
            solved += r.solved();
            r.solvedDifficulties().forEach(d -> byDifficulty.merge(d, 1, Integer::sum));
            cost = cost.add(r.costUsd());
        }
        List<ModelRating.ContestPerformances> performances = new ArrayList<>();
        List<Integer> pooled = new ArrayList<>();
        for (Map.Entry<String, List<CountedRun>> c : byContest.entrySet()) {
            // runs of a contest in handle order, so the bootstrap draws in a fixed order
            List<CountedRun> ordered = c.getValue().stream().sorted(Comparator.comparing(CountedRun::handle)).toList();
            performances.add(new ModelRating.ContestPerformances(c.getKey(),
                    ordered.stream().map(CountedRun::performance).toList()));
            for (int rating : referenceRatings.getOrDefault(c.getKey(), new int[0])) {
                pooled.add(rating);
            }
        }
        ModelRating rating = ModelRating.of(performances, bootstrap);
        Double percentile = pooled.isEmpty() ? null
                : new RatingDistribution(pooled.stream().mapToInt(Integer::intValue).toArray())
                        .percentile((int) Math.round(rating.mean()));
        JsonObject row = new JsonObject().put("model", model)
                // the users' provider when they agree; when they do not, all of them, so none is hidden
                .put("provider", providers.isEmpty() ? null : String.join(", ", providers))
                .put("model_versions", new JsonArray(new ArrayList<>(versions)))
                .put("handles", new JsonArray(new ArrayList<>(handles)))
                .put("contests", byContest.size()).put("runs", runs.size())
                .put("mean_performance", rating.mean()).put("standard_error", rating.standardError())
                .put("ci95", new JsonArray().add(rating.ci95().lo()).add(rating.ci95().hi()))
                .put("percentile", percentile).put("solved", solved)
                .put("solved_by_difficulty", difficulties(byDifficulty))
                .put("cost_usd", cost.doubleValue())
                .put("cost_per_solved_usd", solved == 0 ? null
                        : cost.divide(BigDecimal.valueOf(solved), MathContext.DECIMAL64).doubleValue())
                .put("protocol", new JsonObject().put("contests", new JsonArray(new ArrayList<>(byContest.keySet())))
                        .put("policies", new JsonArray(new ArrayList<>(policies)))
                        .put("attempts_per_problem", attempts)
                        .put("languages", new JsonArray(new ArrayList<>(languages))))
                .put("interval", new JsonObject().put("method", "percentile bootstrap over contests, then runs"
                                + " within each contest").put("level", 0.95)
                        .put("resamples", bootstrap.resamples()).put("seed", bootstrap.seed()));
        if (withPerformances) {
            JsonArray perContest = new JsonArray();
            for (ModelRating.ContestPerformances p : rating.contests()) {
                JsonArray runRows = new JsonArray();
                for (CountedRun r : byContest.get(p.contest()).stream()
                        .sorted(Comparator.comparing(CountedRun::handle)).toList()) {
                    runRows.add(new JsonObject().put("handle", r.handle()).put("policy", r.policy())
                            .put("performance_rating", r.performance()).put("rank", r.rank())
                            .put("solved", r.solved()).put("cost_usd", r.costUsd().doubleValue()));
                }
                perContest.add(new JsonObject().put("contest", p.contest()).put("performance", p.performance())
                        .put("runs", runRows));
            }
            row.put("performances", perContest);
        }
        return row;
    }

    /** The most tries made on one problem among {@code problems} (one entry per try). */
    public static int mostTriesOnAProblem(List<String> problems) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int most = 0;
        for (String p : problems) {
            most = Math.max(most, counts.merge(p, 1, Integer::sum));
        }
        return most;
    }
}
