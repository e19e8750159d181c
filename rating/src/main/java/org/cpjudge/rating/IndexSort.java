package org.cpjudge.rating;

import java.util.function.IntBinaryOperator;

/**
 * A stable sort of the indices {@code 0..n-1} by a comparator on indices.
 *
 * <p>Why not {@code Arrays.sort(Integer[], Comparator)}: with a million contestants, boxing every
 * index costs more than the rating computation itself. Stability matters: among contestants equal on
 * the sort key, the earlier sort order (and finally the input order) decides, as it does on Codeforces.
 */
final class IndexSort {
    private IndexSort() {
    }

    static int[] sort(int n, IntBinaryOperator compare) {
        int[] a = new int[n];
        for (int k = 0; k < n; k++) {
            a[k] = k;
        }
        int[] buffer = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int left = 0; left < n; left += 2 * width) {
                int mid = Math.min(left + width, n);
                int right = Math.min(left + 2 * width, n);
                merge(a, buffer, left, mid, right, compare);
            }
            int[] swap = a;
            a = buffer;
            buffer = swap;
        }
        return a;
    }

    private static void merge(int[] from, int[] to, int left, int mid, int right, IntBinaryOperator compare) {
        int i = left;
        int j = mid;
        int out = left;
        while (i < mid && j < right) {
            // <= 0 takes from the left run first on ties: that is what keeps the sort stable
            to[out++] = compare.applyAsInt(from[i], from[j]) <= 0 ? from[i++] : from[j++];
        }
        while (i < mid) {
            to[out++] = from[i++];
        }
        while (j < right) {
            to[out++] = from[j++];
        }
    }
}
