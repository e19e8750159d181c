package org.cpjudge.api.ai;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A two-stage (clustered) percentile bootstrap of a mean of group means: each resample draws as many groups as
 * there are, with replacement, then within each drawn group as many of its values as it has, with replacement,
 * and takes the mean of the drawn groups' means. Groups are contests and values are the performance ratings of
 * the runs of one contest, so both the choice of contests and reruns of a contest count as uncertainty.
 *
 * <p>Reproducible: the random numbers come from {@link java.util.Random}, whose generator Java specifies exactly,
 * seeded with a fixed seed, drawn in a fixed order; the same input in the same order always gives the same
 * interval. The interval's bounds are the empirical quantiles of the sorted resample means: the quantile of
 * {@code p} is the {@code ceil(p * B)}-th smallest of the {@code B} resamples (the inverse of their empirical
 * distribution function), so every bound is a value some resample took.
 */
public final class Bootstrap {

    /** Resamples the ratings use. */
    public static final int RESAMPLES = 2_000;
    /** The seed the ratings use: any fixed number would do; this one is published with them. */
    public static final long SEED = 20_260_901L;

    private final int resamples;
    private final long seed;

    public Bootstrap(int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("at least one resample");
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    /** The bootstrap the models leaderboard uses: {@link #RESAMPLES} resamples from {@link #SEED}. */
    public static Bootstrap standard() {
        return new Bootstrap(RESAMPLES, SEED);
    }

    public int resamples() {
        return resamples;
    }

    public long seed() {
        return seed;
    }

    /** A closed interval [lo, hi]. */
    public record Interval(double lo, double hi) {
        public boolean contains(double x) {
            return lo <= x && x <= hi;
        }
    }

    /**
     * The resample means, sorted ascending.
     *
     * @param groups at least one group, each with at least one value
     */
    public double[] resampleMeans(List<double[]> groups) {
        if (groups.isEmpty() || groups.stream().anyMatch(g -> g.length == 0)) {
            throw new IllegalArgumentException("every group needs a value, and there must be a group");
        }
        Random random = new Random(seed);
        double[] means = new double[resamples];
        int n = groups.size();
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double[] group = groups.get(random.nextInt(n));
                double groupSum = 0;
                for (int j = 0; j < group.length; j++) {
                    groupSum += group[random.nextInt(group.length)];
                }
                sum += groupSum / group.length;
            }
            means[b] = sum / n;
        }
        Arrays.sort(means);
        return means;
    }

    /** The central percentile interval holding {@code level} (0.95 for a 95% interval) of the resample means. */
    public Interval percentileInterval(List<double[]> groups, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1)");
        }
        double[] means = resampleMeans(groups);
        double tail = (1 - level) / 2;
        return new Interval(quantile(means, tail), quantile(means, 1 - tail));
    }

    /** The {@code ceil(p * n)}-th smallest of {@code sorted} (the first for p = 0). */
    static double quantile(double[] sorted, double p) {
        // rounded first so that 0.975 * 2000 is 1950, not 1950.0000000000002
        double rank = Math.ceil(Math.round(p * sorted.length * 1e9) / 1e9);
        int index = (int) Math.max(0, Math.min(sorted.length - 1, rank - 1));
        return sorted[index];
    }
}
