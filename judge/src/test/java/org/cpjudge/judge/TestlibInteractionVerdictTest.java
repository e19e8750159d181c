package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cpjudge.sandbox.SandboxResult;
import org.cpjudge.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.Test;

/** A Polygon interactor's exit, read by testlib's codes. */
class TestlibInteractionVerdictTest {

    private static Verdict said(Outcome outcome, int exit, int signal) {
        return TestlibInteraction.interactorSaid(new SandboxResult(outcome, exit, signal, 5, 5, 1000, ""), "")
                .verdict();
    }

    @Test
    void okAndPointsLetTheCheckerDecide() {
        assertEquals(Verdict.AC, said(Outcome.EXITED, 0, 0));
        assertEquals(Verdict.AC, said(Outcome.EXITED, 7, 0));
    }

    @Test
    void wrongPresentationDirtAndUnexpectedEndAreTheSubmissionsFault() {
        for (int exit : new int[] {1, 2, 4, 8}) {
            assertEquals(Verdict.WA, said(Outcome.EXITED, exit, 0), "exit " + exit);
        }
        assertEquals(Verdict.WA, said(Outcome.SIGNALED, 0, 13), "it wrote to a submission that stopped reading");
    }

    @Test
    void failAndCrashesAreJudgeErrors() {
        assertEquals(Verdict.JE, said(Outcome.EXITED, 3, 0));
        assertEquals(Verdict.JE, said(Outcome.EXITED, 42, 0), "a Kattis code means nothing to testlib");
        assertEquals(Verdict.JE, said(Outcome.SIGNALED, 0, 11));
        assertEquals(Verdict.JE, said(Outcome.CPU_TIME_EXCEEDED, 0, 9));
    }
}
