package org.cpjudge.rating;

import java.util.Arrays;

/**
 * Expected places against a fixed field of ratings, for any rating {@code R}: the sum over the field
 * of {@code P(j beats R)}, in {@link WinProbability} fixed point.
 *
 * <p>Why a table: the rating rules ask for this sum once per contestant (the seed) and about 13 times
 * per contestant (the binary search for the needed rating). Summed per contestant that is
 * {@code O(n^2 log R)}. Because ratings are integers and the probability depends only on the rating
 * difference, the field is reduced to a histogram of distinct ratings, and the sum at {@code R} only
 * has to visit ratings within {@link WinProbability#WINDOW} of {@code R}: everyone further above
 * counts as exactly one, everyone further below as zero. Sums at every rating the search can visit
 * are precomputed once; a contestant's own term is then removed by one exact subtraction.
 */
final class SeedTable {
    private final int[] values;      // distinct ratings in the field, ascending
    private final long[] counts;     // how many contestants have values[k]
    private final long[] countAbove; // countAbove[k] = contestants rated values[k] or more; 0 past the end

    private final int denseLow;      // sums for R in [denseLow, denseHigh] are precomputed here
    private final long[] dense;
    private final long[] atValues;   // sums at each rating of the field, for the seeds

    /** Builds the table for the given field, precomputing sums for every R in [low, high]. */
    SeedTable(int[] ratings, int low, int high) {
        int[] sorted = ratings.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int k = 0; k < sorted.length; k++) {
            if (k == 0 || sorted[k] != sorted[k - 1]) {
                distinct++;
            }
        }
        values = new int[distinct];
        counts = new long[distinct];
        int at = -1;
        for (int k = 0; k < sorted.length; k++) {
            if (k == 0 || sorted[k] != sorted[k - 1]) {
                values[++at] = sorted[k];
            }
            counts[at]++;
        }
        countAbove = new long[distinct + 1];
        for (int k = distinct - 1; k >= 0; k--) {
            countAbove[k] = countAbove[k + 1] + counts[k];
        }
        denseLow = low;
        dense = new long[high - low + 1];
        // Each entry is independent, so the two halves of the work can run on separate cores
        // without changing any result.
        java.util.stream.IntStream.range(0, dense.length).parallel()
                .forEach(k -> dense[k] = computeSum(low + k));
        atValues = new long[distinct];
        java.util.stream.IntStream.range(0, distinct).parallel()
                .forEach(k -> atValues[k] = sum(values[k]));
    }

    /**
     * The seed of a contestant of the field rated {@code rating}: {@code 1 + sum over the others of
     * P(j beats them)}. Looked up rather than summed, so that many contestants with ratings outside the
     * precomputed range still cost one sum per distinct rating.
     */
    long seedOfMember(int rating) {
        int k = firstAtLeast(rating);
        if (k == values.length || values[k] != rating) {
            throw new IllegalArgumentException("no contestant rated " + rating + " in the field");
        }
        return WinProbability.ONE + atValues[k] - WinProbability.fixed(0);
    }

    /** {@code sum over the whole field of P(j beats R)}, fixed point. */
    long sum(int r) {
        int k = r - denseLow;
        if (k >= 0 && k < dense.length) {
            return dense[k];
        }
        return computeSum(r);
    }

    /** {@code 1 + sum over the field except one contestant rated selfRating of P(j beats R)}. */
    long expectedPlaceExcluding(int r, int selfRating) {
        return WinProbability.ONE + sum(r) - WinProbability.fixed((long) selfRating - r);
    }

    private long computeSum(int r) {
        long lowest = (long) r - WinProbability.WINDOW;
        long highest = (long) r + WinProbability.WINDOW;
        int k = firstAtLeast(lowest);
        long total = 0;
        for (; k < values.length && values[k] <= highest; k++) {
            total += counts[k] * WinProbability.fixed((long) values[k] - r);
        }
        return total + countAbove[k] * WinProbability.ONE;
    }

    private int firstAtLeast(long v) {
        int lo = 0;
        int hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
