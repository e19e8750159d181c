package org.cpjudge.api.callback;

import java.util.Locale;

/** Where a callback stands; the words of submission_callbacks.state (V11's CHECK lists the same). */
public enum CallbackState {
    /** Waiting for its first or next attempt. */
    PENDING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Every attempt the {@link RetrySchedule} allows failed. */
    FAILED,
    /** A rejudge reset the submission before the first attempt: the next judgement brings its own callback. */
    SUPERSEDED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
