package org.cpjudge.api.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Tells every API node that a submission changed (a verdict was written, or it went back to the queue for a
 * rejudge), so that in-memory boards follow. Sent inside the changing transaction: PostgreSQL delivers it
 * when, and only if, that transaction commits. Payload: the submission id, then a space and the contest id when
 * the submission belongs to a contest ({@code "7f3c...-... round1"}).
 */
public final class SubmissionChanges {

    public static final String CHANNEL = "submission_changes";

    private SubmissionChanges() {
    }

    public static String payload(UUID submissionId, String contestId) {
        return contestId == null ? submissionId.toString() : submissionId + " " + contestId;
    }

    public static void notify(Connection c, UUID submissionId, String contestId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            q.setString(1, CHANNEL);
            q.setString(2, payload(submissionId, contestId));
            q.execute();
        }
    }
}
