package org.cpjudge.rating;

import java.util.Arrays;

/**
 * The ratings of all rated users, for percentiles.
 *
 * <p>Definition: the percentile of a rating {@code r} is {@code 100 * (number of rated users with a
 * rating strictly below r) / (number of rated users)}. Strictly below, so that the lowest-rated
 * user is at 0, everyone tied shares one percentile, and a rating above everyone's is at 100.
 */
public final class RatingDistribution {
    private final int[] sorted;

    /** @throws IllegalArgumentException when there are no ratings: a percentile among nobody is undefined */
    public RatingDistribution(int[] ratings) {
        if (ratings.length == 0) {
            throw new IllegalArgumentException("no rated users");
        }
        sorted = ratings.clone();
        Arrays.sort(sorted);
    }

    /** Percentile of {@code rating}, in [0, 100]. */
    public double percentile(int rating) {
        return 100.0 * countBelow(rating) / sorted.length;
    }

    /** Number of rated users with a rating strictly below {@code rating}. */
    public int countBelow(int rating) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < rating) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public int size() {
        return sorted.length;
    }
}
