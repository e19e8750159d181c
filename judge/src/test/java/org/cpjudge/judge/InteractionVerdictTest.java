package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cpjudge.judge.checker.CheckResult;
import org.junit.jupiter.api.Test;

/** Who is to blame when an interactive submission and its validator both fail. */
class InteractionVerdictTest {

    private static RunOutcome killed(boolean overCpu) {
        return new RunOutcome(Verdict.TLE, 1001, 1000, "", 2500, overCpu);
    }

    @Test
    void aValidatorThatRejectedFirstMakesAWaitingSubmissionWrong() {
        assertEquals(Verdict.WA, Interaction.decide(killed(false), CheckResult.wrong("no answer"), true).verdict());
    }

    @Test
    void aValidatorThatRejectedAndLeftFirstDecidesEvenIfTheSubmissionThenRanOutItsTime() {
        // problemtools' rule: the submission printed a wrong guess, the validator said WA and exited, and the
        // submission went on spinning until it was killed
        assertEquals(Verdict.WA, Interaction.decide(killed(true), CheckResult.wrong("out of range"), true).verdict());
        assertEquals(Verdict.TLE, Interaction.decide(killed(true), CheckResult.wrong("eof"), false).verdict());
    }

    @Test
    void aSubmissionThatEndedFirstAndFailedGetsItsOwnVerdict() {
        assertEquals(Verdict.TLE, Interaction.decide(killed(false), CheckResult.wrong("eof"), false).verdict());
    }
}
