package org.cpjudge.rating;

import java.util.List;

/**
 * The rating a contest result corresponds to, on the Codeforces scale: the way CodeElo places
 * contestants without a rating history (such as AI models) among human ratings.
 *
 * <p>Definition: for a contestant who took place {@code p} (tied contestants take the worst place of
 * their tie group) against others rated {@code r_j}, the performance rating is the largest integer
 * {@code R} in {@code [low, high]} such that the expected place of a contestant rated {@code R},
 * {@code 1 + sum_j P(r_j beats R)}, is at least {@code p}; it is {@code low} when there is none. So it is
 * the highest rating at which the result would not have been worse than expected, i.e. the integer
 * at which the expected place crosses the actual one. The contestant's own rating plays no part.
 *
 * <p>Because expected places never go below 1, the winner of a contest always gets {@code high}, and
 * the last place usually gets {@code low}: results at the edges of the standings are censored at the
 * bounds. Default bounds are {@link #DEFAULT_LOW} and {@link #DEFAULT_HIGH}. Probabilities are the
 * fixed-point ones of {@link WinProbability}, so the answer is exact for the definition.
 */
public final class PerformanceRating {
    public static final int DEFAULT_LOW = 0;
    public static final int DEFAULT_HIGH = 6000;

    private PerformanceRating() {
    }

    /** Performance rating of a result at {@code place} against the others' ratings, default bounds. */
    public static int of(int place, int[] othersRatings) {
        return of(place, othersRatings, DEFAULT_LOW, DEFAULT_HIGH);
    }

    public static int of(int place, int[] othersRatings, int low, int high) {
        checkBounds(low, high);
        SeedTable table = new SeedTable(othersRatings, low, high);
        long target = (long) place * WinProbability.ONE;
        int lo = low;
        int hi = high;
        while (lo < hi) {
            int mid = lo + (hi - lo + 1) / 2;
            if (WinProbability.ONE + table.sum(mid) >= target) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Performance rating of every contestant of a contest, in input order, default bounds. */
    public static int[] ofAll(List<Standing> standings) {
        return ofAll(standings, DEFAULT_LOW, DEFAULT_HIGH);
    }

    public static int[] ofAll(List<Standing> standings, int low, int high) {
        checkBounds(low, high);
        int[] places = Places.of(standings);
        int[] ratings = standings.stream().mapToInt(s -> s.contestant().rating()).toArray();
        SeedTable table = new SeedTable(ratings, low, high);
        int[] performance = new int[ratings.length];
        for (int i = 0; i < ratings.length; i++) {
            long target = (long) places[i] * WinProbability.ONE;
            performance[i] = CodeforcesRating.highestRatingExpectedAtLeast(table, ratings[i], target, low, high);
        }
        return performance;
    }

    private static void checkBounds(int low, int high) {
        if (low > high) {
            throw new IllegalArgumentException("empty rating range [" + low + ", " + high + "]");
        }
        if ((long) high - low > 100_000) {
            throw new IllegalArgumentException("rating range too wide: [" + low + ", " + high + "]");
        }
    }
}
