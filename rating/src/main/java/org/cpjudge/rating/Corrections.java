package org.cpjudge.rating;

import java.util.Arrays;

/**
 * The two adjustments Codeforces applies to the raw rating changes ({@code (need - old) / 2}).
 * Both use Java integer arithmetic (division truncates toward zero) on long sums, so that a
 * million contestants cannot overflow.
 */
public final class Corrections {
    private Corrections() {
    }

    /**
     * Correction 1, against inflation: shift every change by {@code -sum / n - 1}, so that the changes
     * sum to about zero, slightly below.
     */
    public static void towardsZeroSum(int[] deltas) {
        if (deltas.length == 0) {
            return;
        }
        long sum = 0;
        for (int d : deltas) {
            sum += d;
        }
        int inc = (int) (-sum / deltas.length - 1);
        for (int k = 0; k < deltas.length; k++) {
            deltas[k] += inc;
        }
    }

    /**
     * Correction 2, so that the top of the rating list does not inflate: take the
     * {@code s = min(4 * round(sqrt(n)), n)} contestants with the highest old ratings (equal ratings:
     * better place first, then input order) and shift everyone by {@code -sum / s} of their changes,
     * kept within {@code [-10, 0]}: it can only lower ratings, by at most 10.
     */
    public static void topContendersZeroSum(int[] deltas, int[] oldRatings, int[] places) {
        int n = deltas.length;
        if (n == 0) {
            return;
        }
        int s = (int) Math.min(4 * Math.round(Math.sqrt(n)), n);
        // Only the top s (a few thousand at most) matter, so instead of ordering everyone: find the
        // s-th highest rating, take everyone above it, and order only those tied at it by place.
        int[] sortedRatings = oldRatings.clone();
        Arrays.sort(sortedRatings);
        int cutoff = sortedRatings[n - s];
        long sum = 0;
        int taken = 0;
        int tiedCount = 0;
        int[] tied = new int[n];
        for (int k = 0; k < n; k++) {
            if (oldRatings[k] > cutoff) {
                sum += deltas[k];
                taken++;
            } else if (oldRatings[k] == cutoff) {
                tied[tiedCount++] = k;
            }
        }
        int[] tiedIndex = tied;
        int[] byPlace = IndexSort.sort(tiedCount, (a, b) -> Integer.compare(places[tiedIndex[a]], places[tiedIndex[b]]));
        for (int k = 0; taken < s; k++, taken++) {
            sum += deltas[tied[byPlace[k]]];
        }
        int inc = (int) Math.min(Math.max(-sum / s, -10), 0);
        for (int k = 0; k < n; k++) {
            deltas[k] += inc;
        }
    }
}
