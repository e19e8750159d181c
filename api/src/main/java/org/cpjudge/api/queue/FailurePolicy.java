package org.cpjudge.api.queue;

import java.time.Duration;
import java.util.List;
import org.cpjudge.api.store.Judgement;
import org.cpjudge.judge.Verdict;
import org.cpjudge.sandbox.SandboxFailure;

/**
 * What happens to a job whose judging failed: the judge threw (a package that would not load, a database
 * hiccup, the sandbox failing the run: a supervisor that died or wedged), or the worker died and its lease ran
 * out. Such a job is tried again after a short pause, a little
 * longer each time; after {@link #MAX_ATTEMPTS} claims it gets JE instead of being tried forever.
 *
 * <p>A failure of the sandbox itself ({@link SandboxFailure}: the supervisor died, or did not answer within the
 * run's wall limit plus a margin and was killed) is tried again once, {@link #SANDBOX_ATTEMPTS} tries in all:
 * the failed supervisor is gone and its slot gets a fresh one, so a second failure means the sandbox is broken
 * for this job (a host problem, or a program that wedges the supervisor), and waiting through more wedged runs
 * (each its wall limit plus the margin) only delays the JE.
 */
public final class FailurePolicy {

    public static final int MAX_ATTEMPTS = 3;
    /** Tries of a job whose judging the sandbox failed: the first and one more on a fresh supervisor. */
    public static final int SANDBOX_ATTEMPTS = 2;
    private static final Duration BACKOFF = Duration.ofSeconds(2);

    /** What to do after a failed judging. */
    public sealed interface Decision permits RetryAfter, GiveUp {
    }

    /** Give the job back to the queue, claimable again by any worker after {@code pause}. */
    public record RetryAfter(Duration pause) implements Decision {
    }

    /** Complete the job with this judgement (JE: the judge's failure, never the contestant's). */
    public record GiveUp(Judgement judgement) implements Decision {
    }

    /**
     * Before judging: a claim that comes after {@link #MAX_ATTEMPTS} claims that never finished (their workers
     * died) is not judged again. Null when the job should be judged.
     */
    public GiveUp beforeJudging(JudgeTask task) {
        return task.attempt() > MAX_ATTEMPTS
                ? new GiveUp(judgeError("the judge failed to finish this submission " + MAX_ATTEMPTS + " times"))
                : null;
    }

    /** After the judging on this claim threw. */
    public Decision afterFailure(JudgeTask task, Exception failure) {
        if (failure instanceof SandboxFailure) {
            if (task.attempt() < SANDBOX_ATTEMPTS) {
                return new RetryAfter(BACKOFF.multipliedBy(task.attempt()));
            }
            return new GiveUp(judgeError("the sandbox failed on each of " + task.attempt() + " tries, the last time: "
                    + failure.getMessage()));
        }
        if (task.attempt() < MAX_ATTEMPTS) {
            return new RetryAfter(BACKOFF.multipliedBy(task.attempt()));
        }
        return new GiveUp(judgeError("the judge failed: " + failure.getMessage()));
    }

    private static Judgement judgeError(String why) {
        return new Judgement(Verdict.JE, null, 0, 0, why, List.of());
    }
}
