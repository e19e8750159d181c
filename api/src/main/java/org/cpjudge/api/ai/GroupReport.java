package org.cpjudge.api.ai;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The report on one group of attempts: one contestant's independent samples for one problem.
 *
 * <p>The statistics (n, correct, pass@k, first attempt, consensus, consensus@k, n@k) cover the samples: attempts
 * judged with a verdict other than JE. Attempts still waiting for the judge are counted in {@code pending}, judge
 * errors in {@code judgeErrors}; neither is a sample, and a row with pending attempts will change. Cost and tokens
 * add up every attempt, judged or not: they were spent when the attempt was made.
 *
 * <p>Consensus and n@k cluster only the samples that compiled and passed the sample tests ({@link
 * Attempt#clustered()}); see {@link ConsensusPick} and {@link NAtK}. "The first k attempts" are the first k
 * samples in {@link Attempt#EARLIEST_FIRST} order.
 *
 * @param firstAttemptCorrect  whether the earliest sample (lowest index) is AC; null without samples
 * @param consensusCorrect     whether the {@link ConsensusPick} among all samples is AC; null without samples
 * @param clusters             how many different behaviours the samples that passed the filter showed
 * @param consensusSize        how many samples behave as the consensus pick does; 0 when none passed the filter
 *                             (the pick is then the earliest sample)
 * @param passedSamples        how many samples compiled and passed the sample tests: the clustered ones
 * @param consensusAt          consensus@k: whether the consensus pick among the first k samples is AC, for each
 *                             k of pass@k
 * @param nAtK                 {@value NAtK#REPORTED_N}@k: whether any of the up to {@value NAtK#REPORTED_N}
 *                             attempts {@link NAtK} submits from the first k samples is AC, for each k of pass@k
 * @param costPerSolvedUsd     the group's cost when it solved its problem (its consensus pick is AC: the one
 *                             answer it would submit), else null
 */
public record GroupReport(String handle, String model, String problem, String group, int n, int correct,
                          SortedMap<Integer, Double> passAt, Boolean firstAttemptCorrect, Boolean consensusCorrect,
                          BigDecimal costUsd, BigDecimal tokens, int pending, int judgeErrors, int clusters,
                          int consensusSize, String firstAttemptSubmission, String consensusSubmission,
                          int passedSamples, SortedMap<Integer, Boolean> consensusAt,
                          SortedMap<Integer, Boolean> nAtK, BigDecimal costPerSolvedUsd) {

    private record Key(String handle, String problem, String group) {
    }

    private static final Comparator<Key> ROW_ORDER = Comparator.comparing(Key::handle)
            .thenComparing(Key::problem)
            .thenComparing(Key::group, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** One report per (handle, problem, group), ordered by handle, problem and group. */
    public static List<GroupReport> of(Collection<Attempt> attempts) {
        Map<Key, List<Attempt>> groups = new LinkedHashMap<>();
        for (Attempt a : attempts) {
            groups.computeIfAbsent(new Key(a.handle(), a.problem(), a.group()), k -> new ArrayList<>()).add(a);
        }
        return groups.entrySet().stream().sorted(Map.Entry.comparingByKey(ROW_ORDER))
                .map(e -> of(e.getKey(), e.getValue())).toList();
    }

    private static GroupReport of(Key key, List<Attempt> group) {
        List<Attempt> all = group.stream().sorted(Attempt.EARLIEST_FIRST).toList();
        List<Attempt> samples = all.stream().filter(Attempt::sample).toList();
        int n = samples.size();
        int correct = (int) samples.stream().filter(Attempt::correct).count();
        Optional<Attempt> first = samples.stream().findFirst();
        var consensus = ConsensusPick.of(samples, Attempt::clustered, Attempt::behaviour);
        SortedMap<Integer, Boolean> consensusAt = new TreeMap<>();
        SortedMap<Integer, Boolean> nAtK = new TreeMap<>();
        for (int k : PassAtK.reportedK(n)) {
            List<Attempt> firstK = samples.subList(0, k);
            consensusAt.put(k, ConsensusPick.of(firstK, Attempt::clustered, Attempt::behaviour)
                    .orElseThrow().pick().correct());
            nAtK.put(k, NAtK.solved(firstK, NAtK.REPORTED_N, Attempt::clustered, Attempt::behaviour,
                    Attempt::correct));
        }
        String model = all.stream().map(Attempt::model).filter(Objects::nonNull).findFirst().orElse(null);
        Boolean consensusCorrect = consensus.map(p -> p.pick().correct()).orElse(null);
        BigDecimal cost = sum(all.stream().map(Attempt::costUsd).toList());
        return new GroupReport(key.handle(), model, key.problem(), key.group(), n, correct,
                PassAtK.report(n, correct),
                first.map(Attempt::correct).orElse(null),
                consensusCorrect,
                cost,
                sum(all.stream().map(Attempt::tokens).toList()),
                (int) all.stream().filter(a -> !a.judged()).count(),
                (int) all.stream().filter(Attempt::judgeError).count(),
                consensus.map(ConsensusPick.Pick::clusters).orElse(0),
                consensus.map(ConsensusPick.Pick::clusterSize).orElse(0),
                first.map(Attempt::submissionId).orElse(null),
                consensus.map(p -> p.pick().submissionId()).orElse(null),
                (int) samples.stream().filter(Attempt::clustered).count(),
                Collections.unmodifiableSortedMap(consensusAt),
                Collections.unmodifiableSortedMap(nAtK),
                Boolean.TRUE.equals(consensusCorrect) ? cost : null);
    }

    /** Attempts that do not say count as zero. */
    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
