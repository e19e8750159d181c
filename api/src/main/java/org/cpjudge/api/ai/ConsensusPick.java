package org.cpjudge.api.ai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Picks one attempt by majority of behaviour: attempts that behave alike (equal behaviour keys, such as the
 * same outputs on every test) form a cluster, and the pick is the earliest member of the largest cluster.
 * Among clusters of equal size, the one whose earliest member came first wins, so the pick is stable and is
 * the earliest attempt whenever there is no majority at all.
 */
public final class ConsensusPick {

    /**
     * @param pick         the attempt picked
     * @param clusterSize  how many attempts behave as the pick does
     * @param clusters     how many different behaviours there were
     */
    public record Pick<T>(T pick, int clusterSize, int clusters) {
    }

    private ConsensusPick() {
    }

    /** {@code attempts} must come earliest first; empty when there are none. */
    public static <T> Optional<Pick<T>> of(List<T> attempts, Function<? super T, ?> behaviour) {
        // insertion order is the order of each cluster's earliest member
        Map<Object, Cluster<T>> clusters = new LinkedHashMap<>();
        for (T attempt : attempts) {
            Object key = Objects.requireNonNull(behaviour.apply(attempt), "behaviour");
            clusters.computeIfAbsent(key, k -> new Cluster<>(attempt)).size++;
        }
        Cluster<T> largest = null;
        for (Cluster<T> c : clusters.values()) {
            if (largest == null || c.size > largest.size) { // strictly larger: ties keep the earlier cluster
                largest = c;
            }
        }
        return largest == null ? Optional.empty()
                : Optional.of(new Pick<>(largest.earliest, largest.size, clusters.size()));
    }

    private static final class Cluster<T> {
        final T earliest;
        int size;

        Cluster(T earliest) {
            this.earliest = earliest;
        }
    }
}
