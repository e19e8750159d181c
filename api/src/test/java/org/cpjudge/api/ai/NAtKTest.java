package org.cpjudge.api.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which attempts n@k submits, and whether one of them is correct. */
class NAtKTest {

    /** An attempt named by its position; {@code output} "CE" or "fail..." did not pass the filter; "ok" is AC. */
    private record Sample(String name, String output) {
        boolean passes() {
            return !output.equals("CE") && !output.startsWith("fail");
        }

        boolean correct() {
            return output.equals("ok");
        }
    }

    private static List<String> submitted(int n, Sample... earliestFirst) {
        return NAtK.submitted(List.of(earliestFirst), n, Sample::passes, Sample::output).stream()
                .map(Sample::name).toList();
    }

    private static boolean solved(int n, Sample... earliestFirst) {
        return NAtK.solved(List.of(earliestFirst), n, Sample::passes, Sample::output, Sample::correct);
    }

    /**
     * Clusters, largest first: w {a1, a3, a5} (3), ok {a2, a6} (2), v {a4} (1); a0 (CE) and a7 (fails) none.
     * One from each cluster first (a1, a2, a4), then round robin (a3, a6, then a5).
     */
    private static final Sample[] GROUP = {new Sample("a0", "CE"), new Sample("a1", "w"), new Sample("a2", "ok"),
            new Sample("a3", "w"), new Sample("a4", "v"), new Sample("a5", "w"), new Sample("a6", "ok"),
            new Sample("a7", "fail")};

    @Test
    void oneFromEachClusterLargestFirstThenRoundRobin() {
        assertEquals(List.of("a1"), submitted(1, GROUP));
        assertEquals(List.of("a1", "a2"), submitted(2, GROUP));
        assertEquals(List.of("a1", "a2", "a4", "a3"), submitted(4, GROUP));
        assertEquals(List.of("a1", "a2", "a4", "a3", "a6", "a5"), submitted(10, GROUP), "every clustered one, once");
    }

    @Test
    void solvedWhenAnySubmittedAttemptIsCorrect() {
        assertFalse(solved(1, GROUP), "1@k is the consensus: the wrong cluster w is the largest");
        assertTrue(solved(2, GROUP), "the second largest cluster is right");
    }

    @Test
    void withNoClusterTheFirstAttemptAloneIsSubmitted() {
        assertEquals(List.of("a0"), submitted(10, new Sample("a0", "fail"), new Sample("a1", "CE")));
        assertEquals(List.of(), submitted(10));
        assertThrows(IllegalArgumentException.class, () -> submitted(0, GROUP));
    }
}
