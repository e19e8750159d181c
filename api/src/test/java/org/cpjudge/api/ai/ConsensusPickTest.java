package org.cpjudge.api.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The pick is the earliest member of the largest cluster; equal clusters go to the one that started first. */
class ConsensusPickTest {

    /** An attempt named by its position, behaving as {@code output} says. */
    private record Sample(String name, String output) {
    }

    private static ConsensusPick.Pick<Sample> pick(Sample... earliestFirst) {
        return ConsensusPick.of(List.of(earliestFirst), Sample::output).orElseThrow();
    }

    @Test
    void theLargestClusterWinsEvenWhenItStartsLate() {
        var p = pick(new Sample("a0", "3"), new Sample("a1", "3"), new Sample("a2", "4"), new Sample("a3", "4"),
                new Sample("a4", "4"));
        assertEquals("a2", p.pick().name());
        assertEquals(3, p.clusterSize());
        assertEquals(2, p.clusters());
    }

    @Test
    void aTieGoesToTheClusterWhoseEarliestMemberCameFirst() {
        var p = pick(new Sample("a0", "x"), new Sample("a1", "y"), new Sample("a2", "y"), new Sample("a3", "x"));
        assertEquals("a0", p.pick().name());
        assertEquals(2, p.clusterSize());
        var q = pick(new Sample("a0", "y"), new Sample("a1", "x"), new Sample("a2", "x"), new Sample("a3", "y"));
        assertEquals("a0", q.pick().name());
    }

    @Test
    void withNoMajorityTheEarliestAttemptIsPicked() {
        var p = pick(new Sample("a0", "1"), new Sample("a1", "2"), new Sample("a2", "3"));
        assertEquals("a0", p.pick().name());
        assertEquals(1, p.clusterSize());
        assertEquals(3, p.clusters());
    }

    @Test
    void nothingToPickFromNoAttempts() {
        assertTrue(ConsensusPick.of(List.<Sample>of(), Function.identity()).isEmpty());
        assertTrue(ConsensusPick.of(List.<Sample>of(), s -> true, Function.identity()).isEmpty());
    }

    /** Attempts whose output is "CE" or starts with "fail" did not pass the filter (compile, pass the samples). */
    private static boolean passes(Sample s) {
        return !s.output().equals("CE") && !s.output().startsWith("fail");
    }

    private static ConsensusPick.Pick<Sample> filtered(Sample... earliestFirst) {
        return ConsensusPick.of(List.of(earliestFirst), ConsensusPickTest::passes, Sample::output).orElseThrow();
    }

    /**
     * a0..a2 fail to compile (alike, 3), a3 fails a sample, a4 and a5 print 7 (2), a6 prints 8 (1). Unfiltered
     * the compile errors would win; filtered, the clusters are {a4, a5} and {a6}: the pick is a4.
     */
    @Test
    void compileErrorsAndSampleFailuresFormNoCluster() {
        Sample[] attempts = {new Sample("a0", "CE"), new Sample("a1", "CE"), new Sample("a2", "CE"),
                new Sample("a3", "fail 5"), new Sample("a4", "7"), new Sample("a5", "7"), new Sample("a6", "8")};
        assertEquals("a0", pick(attempts).pick().name(), "without the filter the compile errors win");
        var p = filtered(attempts);
        assertEquals("a4", p.pick().name());
        assertEquals(2, p.clusterSize());
        assertEquals(2, p.clusters());
    }

    /** a0 fails a sample, a1 does not compile, a2 fails a sample alike a0: no cluster; the pick is a0, size 0. */
    @Test
    void withNoAttemptPassingTheFilterTheEarliestIsPicked() {
        var p = filtered(new Sample("a0", "fail 1"), new Sample("a1", "CE"), new Sample("a2", "fail 1"));
        assertEquals("a0", p.pick().name());
        assertEquals(0, p.clusterSize());
        assertEquals(0, p.clusters());
    }

    /** Sizes 1, 3, 1, 3 in order of first members: x {a0}, y {a1, a3, a5}, z {a2}, w {a4, a6, a7}. */
    @Test
    void clustersComeLargestFirstThenByTheirEarliestMember() {
        List<Sample> attempts = List.of(new Sample("a0", "x"), new Sample("a1", "y"), new Sample("a2", "z"),
                new Sample("a3", "y"), new Sample("a4", "w"), new Sample("a5", "y"), new Sample("a6", "w"),
                new Sample("a7", "w"), new Sample("a8", "CE"));
        var clusters = ConsensusPick.clusters(attempts, ConsensusPickTest::passes, Sample::output);
        assertEquals(List.of("a1", "a4", "a0", "a2"), clusters.stream().map(c -> c.earliest().name()).toList());
        assertEquals(List.of(3, 3, 1, 1), clusters.stream().map(ConsensusPick.Cluster::size).toList());
        assertEquals(List.of("a4", "a6", "a7"), clusters.get(1).members().stream().map(Sample::name).toList());
    }
}
