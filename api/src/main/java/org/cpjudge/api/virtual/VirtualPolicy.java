package org.cpjudge.api.virtual;

/**
 * At which minute of the contest a virtual run's submissions count. Recorded with the result, since it moves
 * the rating: a harness that submits everything at minute 0 loses no points to time.
 */
public enum VirtualPolicy {
    /** At the wall-clock time since the run started; the run closes when the contest's duration has passed. */
    CLOCK,
    /** Every submission at minute 0; the run stays open until it is ended. */
    MINUTE0,
    /** At the {@code "minute"} each submission carries; the run stays open until it is ended. */
    DECLARED,
    /**
     * At a fixed pace per problem: the attempts on the contest's i-th problem (1-based, in its order) count at
     * minute i x the run's {@code pace_minutes}, at most the contest's last minute; open until it is ended.
     */
    PACED;

    /** Whether the wall clock closes the run after the contest's duration. */
    public boolean timed() {
        return this == CLOCK;
    }
}
