package org.cpjudge.api.queue;

import java.util.Arrays;

/**
 * The class a judge job is claimed in, most urgent first. The numbers are stored in {@code judge_jobs.priority},
 * whose CHECK allows exactly these; claiming orders by them.
 */
public enum JobPriority {
    /** A submission to a contest running when it was submitted: its contestant and the board wait for it. */
    LIVE_CONTEST(0),
    /** Practice: a submission outside any contest. */
    PRACTICE(1),
    /** Virtual runs and AI attempt groups (submissions carrying "attempt"): batches nobody watches live. */
    BATCH(2),
    /** Rejudges: the verdicts exist already, the new ones can wait for everything else. */
    REJUDGE(3);

    private final short level;

    JobPriority(int level) {
        this.level = (short) level;
    }

    public short level() {
        return level;
    }

    public static JobPriority ofLevel(int level) {
        return Arrays.stream(values()).filter(p -> p.level == level).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no job priority has the level " + level));
    }

    /**
     * The class of a new submission. The door admits a contest submission only while its contest runs, so one
     * naming a contest is live; an AI attempt in a live contest is judged with the humans it competes with.
     */
    public static JobPriority ofSubmission(boolean toLiveContest, boolean carriesAttempt) {
        if (toLiveContest) {
            return LIVE_CONTEST;
        }
        return carriesAttempt ? BATCH : PRACTICE;
    }
}
