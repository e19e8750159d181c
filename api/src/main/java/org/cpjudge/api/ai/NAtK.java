package org.cpjudge.api.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * n@k (AlphaCode): of k attempts, up to n are submitted, and the problem counts as solved when any submitted
 * attempt is correct. The attempts are filtered and clustered as {@link ConsensusPick} does (only attempts that
 * compile and pass the sample tests form clusters), then submitted from the clusters in order, largest first
 * (equal sizes: the cluster whose earliest member came first):
 * <ol>
 *   <li>first the earliest member of each cluster, in that order, until n are submitted;</li>
 *   <li>with fewer than n clusters, further members round robin in the same cluster order (each cluster's
 *       second earliest, then third earliest, ...), until n are submitted or the clustered attempts run out;</li>
 *   <li>with no cluster at all, the consensus answer alone: the earliest attempt.</li>
 * </ol>
 * So 1@k is always consensus@k. Members of one cluster have the same verdict on every test, hence the same
 * verdict: step 2 never changes whether the problem is solved, it only spends the submission budget as a
 * contestant would. Attempts that failed the filter are never submitted after step 3's fallback; none of them
 * can be correct (an accepted attempt passed every test, the samples included).
 */
public final class NAtK {

    /** The n reported: AlphaCode's 10 submissions per problem. */
    public static final int REPORTED_N = 10;

    private NAtK() {
    }

    /** The attempts submitted, in submission order. {@code attempts} must come earliest first. */
    public static <T> List<T> submitted(List<T> attempts, int n, Predicate<? super T> filter,
                                        Function<? super T, ?> behaviour) {
        if (n < 1) {
            throw new IllegalArgumentException("need n >= 1, got " + n);
        }
        if (attempts.isEmpty()) {
            return List.of();
        }
        List<ConsensusPick.Cluster<T>> clusters = ConsensusPick.clusters(attempts, filter, behaviour);
        if (clusters.isEmpty()) {
            return List.of(attempts.get(0));
        }
        List<T> submitted = new ArrayList<>();
        for (int round = 0; submitted.size() < n; round++) {
            boolean any = false;
            for (ConsensusPick.Cluster<T> c : clusters) {
                if (round < c.size() && submitted.size() < n) {
                    submitted.add(c.members().get(round));
                    any = true;
                }
            }
            if (!any) {
                break; // every clustered attempt is submitted
            }
        }
        return List.copyOf(submitted);
    }

    /** Whether any of the attempts {@link #submitted} is correct. */
    public static <T> boolean solved(List<T> attempts, int n, Predicate<? super T> filter,
                                     Function<? super T, ?> behaviour, Predicate<? super T> correct) {
        return submitted(attempts, n, filter, behaviour).stream().anyMatch(correct);
    }
}
