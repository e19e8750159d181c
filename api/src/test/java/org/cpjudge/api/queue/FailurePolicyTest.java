package org.cpjudge.api.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.cpjudge.judge.Verdict;
import org.cpjudge.sandbox.SandboxFailure;
import org.junit.jupiter.api.Test;

/** How many tries a failed judging gets: a sandbox failure one more, any other failure up to three in all. */
class FailurePolicyTest {

    private final FailurePolicy policy = new FailurePolicy();

    private static JudgeTask claim(int attempt) {
        return new JudgeTask(1, attempt, UUID.randomUUID(), "sum", "c", "[]", false, JobPriority.values()[0],
                Duration.ZERO);
    }

    @Test
    void aWedgedOrDeadSupervisorIsTriedOnceMoreThenJe() {
        SandboxFailure wedged = new SandboxFailure("sandbox failed: sandbox supervisor failed: the supervisor of slot 0"
                + " did not answer within 6000 ms; it was killed");
        assertInstanceOf(FailurePolicy.RetryAfter.class, policy.afterFailure(claim(1), wedged), "the first try");
        var giveUp = assertInstanceOf(FailurePolicy.GiveUp.class, policy.afterFailure(claim(2), wedged));
        assertEquals(Verdict.JE, giveUp.judgement().verdict());
        String why = giveUp.judgement().compileOutput();
        assertTrue(why.contains("the sandbox failed on each of 2 tries") && why.contains("did not answer within"), why);
    }

    @Test
    void otherFailuresGetThreeTries() {
        Exception boom = new IllegalStateException("database hiccup");
        assertInstanceOf(FailurePolicy.RetryAfter.class, policy.afterFailure(claim(1), boom));
        assertInstanceOf(FailurePolicy.RetryAfter.class, policy.afterFailure(claim(2), boom));
        var giveUp = assertInstanceOf(FailurePolicy.GiveUp.class, policy.afterFailure(claim(3), boom));
        assertTrue(giveUp.judgement().compileOutput().contains("database hiccup"));
    }
}
