package org.cpjudge.rating;

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
        int[] byRating = IndexSort.sort(n, (a, b) -> oldRatings[a] != oldRatings[b]
                ? Integer.compare(oldRatings[b], oldRatings[a])
                : Integer.compare(places[a], places[b]));
        int s = (int) Math.min(4 * Math.round(Math.sqrt(n)), n);
        long sum = 0;
        for (int k = 0; k < s; k++) {
            sum += deltas[byRating[k]];
        }
        int inc = (int) Math.min(Math.max(-sum / s, -10), 0);
        for (int k = 0; k < n; k++) {
            deltas[k] += inc;
        }
    }
}
