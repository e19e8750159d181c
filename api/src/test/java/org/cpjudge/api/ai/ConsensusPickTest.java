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
    }
}
