package org.cpjudge.api.access;

import java.time.Instant;

/** What deciding who may see a submission needs to know of it. {@code contestId} is null for practice. */
public record SubmissionFacts(long authorId, String problemId, String contestId, Instant submittedAt) {
}
