package org.cpjudge.api.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The model rating's statistics, on inputs whose answers are worked out by hand in each test. */
class ModelRatingTest {

    private static ModelRating.ContestPerformances contest(String id, Integer... runs) {
        return new ModelRating.ContestPerformances(id, List.of(runs));
    }

    private static ModelRating rate(ModelRating.ContestPerformances... contests) {
        return ModelRating.of(List.of(contests), Bootstrap.standard());
    }

    @Test
    void meanAndStandardErrorOfTwoContests() {
        // mean (1000 + 2000) / 2 = 1500; sample sd sqrt((500^2 + 500^2) / 1) = 707.1; over sqrt(2): 500
        ModelRating r = rate(contest("a", 1000), contest("b", 2000));
        assertEquals(1500.0, r.mean(), 1e-9);
        assertEquals(500.0, r.standardError(), 1e-9);
    }

    @Test
    void standardErrorOfThreeContests() {
        // mean 2000; sd sqrt((1000^2 + 0 + 1000^2) / 2) = 1000; over sqrt(3): 577.350...
        ModelRating r = rate(contest("a", 1000), contest("b", 2000), contest("c", 3000));
        assertEquals(2000.0, r.mean(), 1e-9);
        assertEquals(1000.0 / Math.sqrt(3), r.standardError(), 1e-9);
    }

    @Test
    void repeatedRunsOfAContestWeighAsOneContest() {
        // contest a's performance is (1000 + 2000) / 2 = 1500; the mean over contests is (1500 + 3000) / 2 = 2250,
        // not the pooled (1000 + 2000 + 3000) / 3 = 2000
        ModelRating r = rate(contest("a", 1000, 2000), contest("b", 3000));
        assertEquals(2250.0, r.mean(), 1e-9);
        // sd of (1500, 3000): sqrt(2 * 750^2) = 1060.66; over sqrt(2): 750
        assertEquals(750.0, r.standardError(), 1e-9);
    }

    @Test
    void allRunsEqualGiveADegenerateInterval() {
        // every resample draws only 1700s, so every resample mean is 1700
        ModelRating r = rate(contest("a", 1700, 1700), contest("b", 1700), contest("c", 1700, 1700, 1700));
        assertEquals(1700.0, r.mean(), 1e-9);
        assertEquals(0.0, r.standardError(), 1e-9);
        assertEquals(new Bootstrap.Interval(1700, 1700), r.ci95());
    }

    @Test
    void oneContestHasNoStandardErrorAndItsRunsSpanTheInterval() {
        // one contest, runs 1000 and 2000: a resample draws the contest, then two runs with replacement, so its
        // mean is 1000 (p = 1/4), 1500 (1/2) or 2000 (1/4). The 2.5% and 97.5% quantiles of that are 1000 and
        // 2000 (each end holds a quarter of the 2,000 resamples, far more than the 50 in a tail)
        ModelRating r = rate(contest("a", 1000, 2000));
        assertEquals(1500.0, r.mean(), 1e-9);
        assertNull(r.standardError());
        assertEquals(new Bootstrap.Interval(1000, 2000), r.ci95());
    }

    @Test
    void contestsAreResampledToo() {
        // two contests of one run each, 1000 and 3000: a resample draws two contests with replacement, so its
        // mean is 1000 (1/4), 2000 (1/2) or 3000 (1/4); the interval is [1000, 3000]
        double[] means = Bootstrap.standard().resampleMeans(List.of(new double[] {1000}, new double[] {3000}));
        assertEquals(Bootstrap.RESAMPLES, means.length);
        long low = java.util.Arrays.stream(means).filter(m -> m == 1000).count();
        long middle = java.util.Arrays.stream(means).filter(m -> m == 2000).count();
        long high = java.util.Arrays.stream(means).filter(m -> m == 3000).count();
        assertEquals(Bootstrap.RESAMPLES, low + middle + high, "no other mean is possible");
        // a quarter, a half, a quarter of 2,000, within a wide margin (the binomial sd is about 19 and 22)
        assertTrue(Math.abs(low - 500) < 120 && Math.abs(high - 500) < 120 && Math.abs(middle - 1000) < 150,
                low + " " + middle + " " + high);
        assertEquals(new Bootstrap.Interval(1000, 3000), rate(contest("a", 1000), contest("b", 3000)).ci95());
    }

    @Test
    void theIntervalIsReproducible() {
        ModelRating.ContestPerformances[] input = {contest("a", 1210, 1830, 1400), contest("b", 990),
                contest("c", 2210, 1975), contest("d", 1505)};
        Bootstrap.Interval first = rate(input).ci95();
        Bootstrap.Interval again = rate(input).ci95();
        assertEquals(first, again);
        // every resample mean is a mean of values between 990 and 2210, so the bounds are too
        assertTrue(first.lo() >= 990 && first.hi() <= 2210 && first.lo() <= first.hi(), first.toString());
        assertTrue(first.contains(rate(input).mean()), first.toString());
    }

    @Test
    void quantilesAreTheInverseOfTheEmpiricalDistribution() {
        double[] sorted = new double[2000];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1; // the k-th smallest is k
        }
        assertEquals(50.0, Bootstrap.quantile(sorted, 0.025)); // ceil(0.025 * 2000) = 50th smallest
        assertEquals(1950.0, Bootstrap.quantile(sorted, 0.975)); // ceil(0.975 * 2000) = 1950th
        assertEquals(1.0, Bootstrap.quantile(sorted, 0));
        assertEquals(2000.0, Bootstrap.quantile(sorted, 1));
        assertEquals(2.0, Bootstrap.quantile(new double[] {1, 2, 3}, 0.5)); // ceil(1.5) = 2nd
    }

    @Test
    void emptyInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ModelRating.of(List.of(), Bootstrap.standard()));
        assertThrows(IllegalArgumentException.class, () -> contest("a"));
    }
}
