package org.cpjudge.api.contest;

import java.time.Instant;

/** A submission that counts in a contest, as the scoreboard needs it. */
public record ContestSubmission(long userId, String problem, Instant submittedAt, String status, String verdict,
                                Double score) {

    public boolean judged() {
        return "done".equals(status);
    }

    /** Compile errors and the judge's own failures cost a contestant nothing. */
    public boolean countsAsTry() {
        return judged() && !"CE".equals(verdict) && !"JE".equals(verdict);
    }

    public boolean accepted() {
        return judged() && "AC".equals(verdict);
    }
}
