package org.cpjudge.api.ai;

import java.util.ArrayList;
import java.util.List;

/**
 * A model's rating across contests, CodeElo's way: the mean over contests of the model's performance rating in
 * each contest. Where a contest was run several times (several AI users of one model), the contest's performance
 * is the mean of its runs, so a contest weighs the same however often it was run.
 *
 * <p>Uncertainty: the standard error is the sample standard deviation of the per-contest performances (n - 1 in
 * the denominator) over the square root of the number of contests; it is null for a single contest, where
 * the spread between contests is unknown. The 95% interval is {@link Bootstrap}'s two-stage percentile interval
 * (resample contests, then runs within each), with its fixed seed, so the same runs always give the same interval.
 *
 * @param contests         the contests with their runs' performances, as given
 * @param standardError    null with fewer than two contests
 */
public record ModelRating(List<ContestPerformances> contests, double mean, Double standardError,
                          Bootstrap.Interval ci95) {

    /** The performance ratings of one model's runs of one contest. */
    public record ContestPerformances(String contest, List<Integer> runs) {
        public ContestPerformances {
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("contest " + contest + " has no runs");
            }
            runs = List.copyOf(runs);
        }

        /** The contest's performance: the mean of its runs'. */
        public double performance() {
            return runs.stream().mapToInt(Integer::intValue).average().orElseThrow();
        }

        double[] values() {
            return runs.stream().mapToDouble(Integer::doubleValue).toArray();
        }
    }

    /** @param contests at least one, in a fixed order (the bootstrap draws in that order) */
    public static ModelRating of(List<ContestPerformances> contests, Bootstrap bootstrap) {
        if (contests.isEmpty()) {
            throw new IllegalArgumentException("a rating needs a contest");
        }
        double[] performances = contests.stream().mapToDouble(ContestPerformances::performance).toArray();
        double mean = mean(performances);
        List<double[]> groups = new ArrayList<>(contests.size());
        for (ContestPerformances c : contests) {
            groups.add(c.values());
        }
        return new ModelRating(List.copyOf(contests), mean, standardError(performances),
                bootstrap.percentileInterval(groups, 0.95));
    }

    static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    /** Sample standard deviation over root n; null for fewer than two values. */
    static Double standardError(double[] xs) {
        int n = xs.length;
        if (n < 2) {
            return null;
        }
        double mean = mean(xs);
        double squares = 0;
        for (double x : xs) {
            squares += (x - mean) * (x - mean);
        }
        return Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
    }
}
