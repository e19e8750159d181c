package org.cpjudge.api.contest;

import java.time.Instant;

/**
 * One message of a contest's clarifications: a contestant's question, the jury's answer to one, or the jury's
 * announcement. Who may read it is {@link ClarificationAccess}'s call, never the caller's.
 *
 * @param problemId  the problem it is about, null for a general one
 * @param fromUserId the asker, or the administrator who wrote it (stored for the record, never shown)
 * @param fromHandle the handle behind {@code fromUserId}
 * @param replyTo    for an answer, the question it answers; null otherwise
 * @param toUserId   for a private answer, the asker of its question; null otherwise
 * @param isPublic   a jury message everyone who sees the contest reads; a question is never public itself, it
 *                   becomes readable by everyone when the jury answers it publicly
 */
public record Clarification(long id, String contestId, String problemId, long fromUserId, String fromHandle,
                            boolean fromJury, Long replyTo, Long toUserId, boolean isPublic, String text,
                            Instant createdAt) {

    /** The longest text accepted, as the schema's CHECK says. */
    public static final int MAX_TEXT = 10_000;

    public enum Kind { QUESTION, ANSWER, ANNOUNCEMENT }

    public Kind kind() {
        if (!fromJury) {
            return Kind.QUESTION;
        }
        return replyTo != null ? Kind.ANSWER : Kind.ANNOUNCEMENT;
    }

    public boolean isQuestion() {
        return kind() == Kind.QUESTION;
    }
}
