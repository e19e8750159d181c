package org.cpjudge.api.virtual;

import java.time.Duration;
import java.time.Instant;

/**
 * One user's virtual run of a finished contest.
 *
 * @param endedAt     when the user ended it, else null
 * @param paceMinutes the minutes per problem of a paced run, else null
 */
public record VirtualRun(long id, String contestId, long userId, String handle, VirtualPolicy policy,
                         Instant startedAt, Instant endedAt, int durationMinutes, Integer paceMinutes) {

    /**
     * The run's end as its contest's clock sees it: when it was ended, else its start plus the contest's duration.
     * A clock run closes then; a minute-0 or declared run keeps taking submissions until it is ended.
     */
    public Instant end() {
        Instant scheduled = startedAt.plus(Duration.ofMinutes(durationMinutes));
        return endedAt != null && endedAt.isBefore(scheduled) ? endedAt : scheduled;
    }

    /** When the run stops taking submissions: its end, or for a clock run its duration's end; null while open-ended. */
    public Instant closesAt() {
        Instant byClock = policy.timed() ? startedAt.plus(Duration.ofMinutes(durationMinutes)) : null;
        if (endedAt == null) {
            return byClock;
        }
        return byClock != null && byClock.isBefore(endedAt) ? byClock : endedAt;
    }

    /** Whether the run takes submissions at {@code now}. */
    public boolean activeAt(Instant now) {
        Instant closes = closesAt();
        return closes == null || now.isBefore(closes);
    }

    /**
     * The moment of the contest (milliseconds since its start) a submission made at {@code now} counts at, under
     * this run's policy; {@code minute} is the submission's own minute (declared runs) or its problem's
     * {@link #pacedMinute} (paced runs).
     */
    public long offsetMillis(Instant now, Integer minute) {
        return switch (policy) {
            case CLOCK -> Math.max(0, Duration.between(startedAt, now).toMillis());
            case MINUTE0 -> 0;
            case DECLARED, PACED -> Duration.ofMinutes(minute).toMillis();
        };
    }

    /** The minute a paced run's attempts on the contest's problem at {@code index} (0-based) count at. */
    public int pacedMinute(int index) {
        return (int) Math.min((long) (index + 1) * paceMinutes, durationMinutes - 1L);
    }
}
