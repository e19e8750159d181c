package org.cpjudge.api.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpjudge.api.db.Database;

/**
 * The judge queue in PostgreSQL. Any number of workers on any number of machines claim jobs with
 * {@code FOR UPDATE SKIP LOCKED}, so no two get the same job and none waits for another's lock. A claim is a
 * lease: the worker renews it while it judges, and a job whose lease ran out (its worker died) is claimable again.
 */
public final class JobQueue {

    private final Database db;
    private final int leaseSeconds;

    public JobQueue(Database db, int leaseSeconds) {
        this.db = db;
        this.leaseSeconds = leaseSeconds;
    }

    /**
     * Claims the oldest job, in one of {@code languages}, that is free or whose lease ran out; empty when there is
     * none. A worker takes only what its machine can judge, so workers with different toolchains share one queue.
     */
    public Optional<JudgeTask> claim(String workerId, List<String> languages) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("""
                     WITH job AS (
                         UPDATE judge_jobs SET claimed_by = ?, lease_until = now() + make_interval(secs => ?),
                                attempts = attempts + 1
                         WHERE id = (SELECT j.id FROM judge_jobs j JOIN submissions s ON s.id = j.submission_id
                                     WHERE (j.lease_until IS NULL OR j.lease_until < now()) AND s.language = ANY (?)
                                     ORDER BY j.id FOR UPDATE OF j SKIP LOCKED LIMIT 1)
                         RETURNING id, attempts, submission_id)
                     SELECT job.id, job.attempts, s.id, s.problem_id, s.language, s.files::text,
                            s.attempt IS NOT NULL
                     FROM job JOIN submissions s ON s.id = job.submission_id""")) {
            q.setString(1, workerId);
            q.setInt(2, leaseSeconds);
            q.setArray(3, c.createArrayOf("text", languages.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new JudgeTask(rs.getLong(1), rs.getInt(2), (UUID) rs.getObject(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7)));
            }
        }
    }

    /** Extends the lease of a job this worker holds; false when it no longer holds it. */
    public boolean renew(long jobId, String workerId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("UPDATE judge_jobs SET lease_until = now() + make_interval(secs => ?)"
                     + " WHERE id = ? AND claimed_by = ?")) {
            q.setInt(1, leaseSeconds);
            q.setLong(2, jobId);
            q.setString(3, workerId);
            return q.executeUpdate() == 1;
        }
    }

    /** Jobs waiting or being judged. */
    public long depth() throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM judge_jobs");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
