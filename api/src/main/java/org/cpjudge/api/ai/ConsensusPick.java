package org.cpjudge.api.ai;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Picks one attempt by majority of behaviour, after AlphaCode's filtering: only attempts that pass the filter
 * (they compile and pass the problem's sample tests) are clustered; attempts that behave alike (equal behaviour
 * keys, such as the same outputs on every test) form a cluster, and the pick is the earliest member of the
 * largest cluster. Among clusters of equal size, the one whose earliest member came first wins, so the pick is
 * stable and is the earliest clustered attempt whenever there is no majority at all. When no attempt passes the
 * filter there is no cluster, and the pick is the earliest attempt of all.
 *
 * <p>Without the filter, attempts that fail to compile would all behave alike and form one cluster: a group where
 * most attempts fail to compile would pick a compile error.
 */
public final class ConsensusPick {

    /**
     * @param pick         the attempt picked
     * @param clusterSize  how many attempts behave as the pick does; 0 when no attempt passed the filter and the
     *                     pick is the earliest attempt
     * @param clusters     how many different behaviours the attempts that passed the filter showed
     */
    public record Pick<T>(T pick, int clusterSize, int clusters) {
    }

    /** Attempts that behave alike, earliest first. */
    public record Cluster<T>(List<T> members) {

        public Cluster {
            members = List.copyOf(members);
        }

        public T earliest() {
            return members.get(0);
        }

        public int size() {
            return members.size();
        }
    }

    private ConsensusPick() {
    }

    /** Every attempt takes part: no filter. {@code attempts} must come earliest first; empty when there are none. */
    public static <T> Optional<Pick<T>> of(List<T> attempts, Function<? super T, ?> behaviour) {
        return of(attempts, a -> true, behaviour);
    }

    /**
     * {@code attempts} must come earliest first; empty when there are none. Attempts that fail {@code filter}
     * form no cluster.
     */
    public static <T> Optional<Pick<T>> of(List<T> attempts, Predicate<? super T> filter,
                                           Function<? super T, ?> behaviour) {
        if (attempts.isEmpty()) {
            return Optional.empty();
        }
        List<Cluster<T>> clusters = clusters(attempts, filter, behaviour);
        if (clusters.isEmpty()) {
            return Optional.of(new Pick<>(attempts.get(0), 0, 0));
        }
        Cluster<T> largest = clusters.get(0);
        return Optional.of(new Pick<>(largest.earliest(), largest.size(), clusters.size()));
    }

    /**
     * The clusters of the attempts that pass {@code filter}, largest first; clusters of equal size in the order of
     * their earliest members. {@code attempts} must come earliest first.
     */
    public static <T> List<Cluster<T>> clusters(List<T> attempts, Predicate<? super T> filter,
                                                Function<? super T, ?> behaviour) {
        // insertion order is the order of each cluster's earliest member
        Map<Object, List<T>> byBehaviour = new LinkedHashMap<>();
        for (T attempt : attempts) {
            if (filter.test(attempt)) {
                Object key = Objects.requireNonNull(behaviour.apply(attempt), "behaviour");
                byBehaviour.computeIfAbsent(key, k -> new ArrayList<>()).add(attempt);
            }
        }
        List<Cluster<T>> clusters = new ArrayList<>();
        for (List<T> members : byBehaviour.values()) {
            clusters.add(new Cluster<>(members));
        }
        // a stable sort: equal sizes keep the order of their earliest members
        clusters.sort(Comparator.comparingInt((Cluster<T> c) -> c.size()).reversed());
        return List.copyOf(clusters);
    }
}
