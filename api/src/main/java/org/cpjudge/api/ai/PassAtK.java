package org.cpjudge.api.ai;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * pass@k: the chance that at least one of k attempts, drawn without replacement from n attempts of which c are
 * correct, is correct. The unbiased estimator is {@code 1 - C(n-c, k) / C(n, k)}.
 *
 * <p>The binomials overflow long before n is large, so the ratio is taken as the product
 * {@code C(n-c, k) / C(n, k) = prod over i from n-c+1 to n of (1 - k/i)}: c factors, each in [0, 1].
 */
public final class PassAtK {

    /** The k reported, each only when k <= n. */
    static final int[] REPORTED_K = {1, 2, 5, 10, 20, 50, 100};

    private PassAtK() {
    }

    public static double estimate(int n, int c, int k) {
        if (n < 0 || c < 0 || c > n) {
            throw new IllegalArgumentException("need 0 <= c <= n, got n=" + n + " c=" + c);
        }
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("need 1 <= k <= n, got k=" + k + " n=" + n);
        }
        if (n - c < k) {
            return 1.0; // fewer than k wrong attempts: any k of them hold a correct one
        }
        double allWrong = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            allWrong *= 1.0 - (double) k / i;
        }
        return 1.0 - allWrong;
    }

    /** pass@k for each reported k up to n, by k; empty when n is 0. */
    public static SortedMap<Integer, Double> report(int n, int c) {
        SortedMap<Integer, Double> byK = new TreeMap<>();
        for (int k : reportedK(n)) {
            byK.put(k, estimate(n, c, k));
        }
        return Collections.unmodifiableSortedMap(byK);
    }

    /** The k reported for n attempts (1, 2, 5, 10, 20, 50, 100 up to n): also those of consensus@k and n@k. */
    public static List<Integer> reportedK(int n) {
        List<Integer> ks = new ArrayList<>();
        for (int k : REPORTED_K) {
            if (k <= n) {
                ks.add(k);
            }
        }
        return List.copyOf(ks);
    }
}
