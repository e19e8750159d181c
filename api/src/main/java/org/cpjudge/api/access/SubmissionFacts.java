package org.cpjudge.api.access;

import java.time.Instant;
import org.cpjudge.api.contest.Contest;

/** What deciding who may see a submission needs to know of it. {@code contestId} is null for practice. */
public record SubmissionFacts(long authorId, String problemId, String contestId, Instant submittedAt) {

    /** Made after its contest ended: a try of a virtual run (the door admits no other then). */
    public boolean madeAfterEndOf(Contest c) {
        return !submittedAt.isBefore(c.end());
    }
}
