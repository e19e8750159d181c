package org.cpjudge.api.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.Transactions;

/** Submissions, their per-test results, and their passage through the judge queue. */
public final class SubmissionStore {

    /** The channel workers LISTEN on; a NOTIFY in the submitting transaction wakes them when it commits. */
    public static final String QUEUE_CHANNEL = "judge_jobs";

    private final Database db;

    public SubmissionStore(Database db) {
        this.db = db;
    }

    /** Stores the submission and its queue row in one transaction: once this returns, it will be judged. */
    public UUID create(NewSubmission s) throws SQLException {
        return Transactions.inTransaction(db, c -> {
            UUID id;
            try (PreparedStatement q = c.prepareStatement("INSERT INTO submissions (user_id, problem_id, language,"
                    + " files, contest_id, attempt) VALUES (?, ?, ?, ?::jsonb, ?, ?::jsonb) RETURNING id")) {
                q.setLong(1, s.userId());
                q.setString(2, s.problemId());
                q.setString(3, s.language());
                q.setString(4, s.filesJson());
                q.setString(5, s.contestId());
                q.setString(6, s.attemptJson());
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    id = (UUID) rs.getObject(1);
                }
            }
            try (PreparedStatement q = c.prepareStatement("INSERT INTO judge_jobs (submission_id) VALUES (?)")) {
                q.setObject(1, id);
                q.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement("NOTIFY " + QUEUE_CHANNEL)) {
                q.execute();
            }
            return id;
        });
    }

    public Optional<SubmissionView> find(UUID id) throws SQLException {
        try (Connection c = db.connection()) {
            SubmissionView head;
            try (PreparedStatement q = c.prepareStatement("SELECT s.id, u.handle, s.problem_id, s.language,"
                    + " s.contest_id, s.status, s.verdict, s.score, s.time_ms, s.memory_kb, s.compile_output,"
                    + " s.created_at FROM submissions s JOIN users u ON u.id = s.user_id WHERE s.id = ?")) {
                q.setObject(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Timestamp created = rs.getTimestamp(12);
                    head = new SubmissionView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), (Double) rs.getObject(8),
                            (Integer) rs.getObject(9), (Integer) rs.getObject(10), rs.getString(11),
                            created.toInstant(), List.of());
                }
            }
            return Optional.of(withTests(head, testcases(c, id)));
        }
    }

    private static SubmissionView withTests(SubmissionView h, List<JudgedTest> tests) {
        return new SubmissionView(h.id(), h.handle(), h.problem(), h.language(), h.contest(), h.status(), h.verdict(),
                h.score(), h.timeMs(), h.memoryKb(), h.compileOutput(), h.createdAt(), tests);
    }

    private static List<JudgedTest> testcases(Connection c, UUID id) throws SQLException {
        List<JudgedTest> tests = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT name, verdict, time_ms, memory_kb, score"
                + " FROM submission_testcases WHERE submission_id = ? ORDER BY ordinal")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    tests.add(new JudgedTest(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                            (Double) rs.getObject(5)));
                }
            }
        }
        return tests;
    }

    /** Moves a submission being judged to 'compiling' or 'running'. */
    public void setStatus(UUID id, String status) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("UPDATE submissions SET status = ? WHERE id = ? AND status <> 'done'")) {
            q.setString(1, status);
            q.setObject(2, id);
            q.executeUpdate();
        }
    }

    /**
     * Writes the verdict and per-test results and removes the job, in one transaction. Only the worker still
     * holding the job's lease may do so: false when the lease was lost (another worker owns the job now).
     */
    public boolean complete(long jobId, String workerId, UUID submissionId, Judgement j) throws SQLException {
        return Transactions.inTransaction(db, c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "DELETE FROM judge_jobs WHERE id = ? AND claimed_by = ?")) {
                q.setLong(1, jobId);
                q.setString(2, workerId);
                if (q.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
            }
            try (PreparedStatement q = c.prepareStatement("UPDATE submissions SET status = 'done', verdict = ?,"
                    + " score = ?, time_ms = ?, memory_kb = ?, compile_output = ?, subtask_scores = ?::jsonb,"
                    + " judged_at = now() WHERE id = ?")) {
                q.setString(1, j.verdict());
                q.setObject(2, j.score());
                q.setInt(3, j.timeMs());
                q.setInt(4, j.memoryKb());
                q.setString(5, j.compileOutput());
                q.setString(6, j.subtasksJson());
                q.setObject(7, submissionId);
                q.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement("DELETE FROM submission_testcases WHERE submission_id = ?")) {
                q.setObject(1, submissionId);
                q.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement("INSERT INTO submission_testcases (submission_id, ordinal,"
                    + " name, verdict, time_ms, memory_kb, score, output_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                int ordinal = 0;
                for (JudgedTest t : j.testcases()) {
                    q.setObject(1, submissionId);
                    q.setInt(2, ordinal++);
                    q.setString(3, t.name());
                    q.setString(4, t.verdict());
                    q.setInt(5, t.timeMs());
                    q.setInt(6, t.memoryKb());
                    q.setObject(7, t.score());
                    q.setString(8, t.outputSha256());
                    q.addBatch();
                }
                q.executeBatch();
            }
            return true;
        });
    }
}
