package org.cpjudge.api.queue;

import java.time.Duration;
import java.util.List;
import org.cpjudge.api.store.Judgement;

/**
 * What happens to a job whose judging failed: the judge threw (a package that would not load, a database
 * hiccup), or the worker died and its lease ran out. Such a job is tried again after a short pause, a little
 * longer each time; after {@link #MAX_ATTEMPTS} claims it gets JE instead of being tried forever.
 */
public final class FailurePolicy {

    public static final int MAX_ATTEMPTS = 3;
    private static final Duration BACKOFF = Duration.ofSeconds(2);

    /** Whether this claim comes after {@link #MAX_ATTEMPTS} that never finished: judge no more, give JE. */
    public boolean exhausted(JudgeTask task) {
        return task.attempt() > MAX_ATTEMPTS;
    }

    /** Whether a judging that threw on this claim may be tried again, by any worker. */
    public boolean mayRetry(JudgeTask task) {
        return task.attempt() < MAX_ATTEMPTS;
    }

    /** How long a failed job waits before it is claimable again. */
    public Duration pauseAfter(JudgeTask task) {
        return BACKOFF.multipliedBy(task.attempt());
    }

    public static Judgement judgeError(String why) {
        return new Judgement("JE", null, 0, 0, why, List.of());
    }

    public Judgement gaveUp() {
        return judgeError("the judge failed to finish this submission " + MAX_ATTEMPTS + " times");
    }
}
