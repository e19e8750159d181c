package org.cpjudge.api.queue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.Transactions;
import org.cpjudge.api.store.Judgement;
import org.cpjudge.api.store.SubmissionStore;

/**
 * The judge queue in PostgreSQL, one row per submission waiting or being judged, and the whole life of a job:
 * enqueue, claim, lease renewal, completion, retry and the rescue of jobs whose worker died.
 *
 * <p>Any number of workers on any number of machines claim with {@code FOR UPDATE SKIP LOCKED}, so no two get
 * the same job and none waits for another's lock. A claim is a lease: the worker renews it while it judges, and a
 * job whose lease ran out (its worker died) is claimable again, at its old place in the queue.
 *
 * <p>Order: by {@link JobPriority} class, then by round, then by age. A job's round is one past the round of
 * its user's last job still in the class, and never behind the lowest round in the class (the round being
 * served): within a class, workers take one job from each waiting user per round (round-robin), and a user
 * arriving late starts at the current round instead of behind everyone's backlog.
 */
public final class JobQueue {

    /** The channel workers LISTEN on; a NOTIFY in the enqueueing transaction wakes them when it commits. */
    public static final String CHANNEL = "judge_jobs";
    public static final int DEFAULT_LEASE_SECONDS = 60;

    private final Database db;
    private final int leaseSeconds;
    private final SubmissionStore submissions;

    public JobQueue(Database db, int leaseSeconds) {
        this.db = db;
        this.leaseSeconds = leaseSeconds;
        this.submissions = new SubmissionStore(db);
    }

    /** How long a claim holds a job without being renewed. */
    public java.time.Duration lease() {
        return java.time.Duration.ofSeconds(leaseSeconds);
    }

    /**
     * Queues these submissions in {@code priority}'s class, in the caller's transaction (so that a submission and
     * its job are committed together), and wakes the workers when it commits. A submission that already has a
     * job (queued or being judged) is left as it is. Returns the submissions queued now.
     */
    public static List<UUID> enqueue(Connection c, List<UUID> submissionIds, JobPriority priority) throws SQLException {
        if (submissionIds.isEmpty()) {
            return List.of();
        }
        List<UUID> queued = new ArrayList<>();
        // A user's k-th new job goes k rounds past the later of: their last round in the class, and the round
        // before the one being served. Taken in age order, so each user's own jobs keep their order. Both the
        // min and the max are one step down an index (however many jobs a user has queued).
        try (PreparedStatement q = c.prepareStatement("""
                WITH picked AS (
                    SELECT s.id, s.user_id, s.language,
                           row_number() OVER (PARTITION BY s.user_id ORDER BY s.created_at, s.id) AS k
                    FROM submissions s
                    WHERE s.id = ANY (?) AND NOT EXISTS (SELECT 1 FROM judge_jobs j WHERE j.submission_id = s.id)),
                serving AS (SELECT COALESCE(min(round), 1) AS round FROM judge_jobs WHERE priority = ?),
                users AS (
                    SELECT u.user_id, COALESCE((SELECT max(j.round) FROM judge_jobs j
                                                WHERE j.user_id = u.user_id AND j.priority = ?), 0) AS last
                    FROM (SELECT DISTINCT user_id FROM picked) u)
                INSERT INTO judge_jobs (submission_id, user_id, language, priority, round)
                SELECT p.id, p.user_id, p.language, ?, GREATEST(u.last, serving.round - 1) + p.k
                FROM picked p JOIN users u ON u.user_id = p.user_id CROSS JOIN serving
                ORDER BY p.k, p.id
                ON CONFLICT (submission_id) DO NOTHING
                RETURNING submission_id""")) {
            q.setArray(1, uuids(c, submissionIds));
            q.setShort(2, priority.level());
            q.setShort(3, priority.level());
            q.setShort(4, priority.level());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    queued.add((UUID) rs.getObject(1));
                }
            }
        }
        if (!queued.isEmpty()) {
            try (PreparedStatement q = c.prepareStatement("NOTIFY " + CHANNEL)) {
                q.execute();
            }
        }
        return queued;
    }

    /** Of these submissions, how many have no job (are neither queued nor being judged). */
    public static int countNotQueued(Connection c, List<UUID> submissionIds) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM unnest(?::uuid[]) AS s(id)"
                + " WHERE NOT EXISTS (SELECT 1 FROM judge_jobs j WHERE j.submission_id = s.id)")) {
            q.setArray(1, uuids(c, submissionIds));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Array uuids(Connection c, List<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }

    /**
     * Claims the first job in queue order, in one of {@code languages}, that is free or whose lease ran out (the
     * rescue of a dead worker's job); empty when there is none. A worker takes only what its machine can judge,
     * so workers with different toolchains share one queue.
     */
    public Optional<JudgeTask> claim(String workerId, List<String> languages) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("""
                     WITH job AS (
                         UPDATE judge_jobs SET claimed_by = ?, lease_until = now() + make_interval(secs => ?),
                                attempts = attempts + 1
                         WHERE id = (SELECT j.id FROM judge_jobs j
                                     WHERE (j.lease_until IS NULL OR j.lease_until < now()) AND j.language = ANY (?)
                                     ORDER BY j.priority, j.round, j.id FOR UPDATE SKIP LOCKED LIMIT 1)
                         RETURNING id, attempts, submission_id, priority, enqueued_at)
                     SELECT job.id, job.attempts, s.id, s.problem_id, s.language, s.files::text,
                            s.attempt IS NOT NULL, job.priority, EXTRACT(EPOCH FROM now() - job.enqueued_at)
                     FROM job JOIN submissions s ON s.id = job.submission_id""")) {
            q.setString(1, workerId);
            q.setInt(2, leaseSeconds);
            q.setArray(3, c.createArrayOf("text", languages.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new JudgeTask(rs.getLong(1), rs.getInt(2), (UUID) rs.getObject(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7),
                        JobPriority.ofLevel(rs.getShort(8)),
                        Duration.ofMillis(Math.max(0, Math.round(rs.getDouble(9) * 1000)))));
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

    /**
     * Gives a job this worker holds back to the queue, claimable by any worker after {@code pause}, at its old
     * place; false when the worker no longer held it.
     */
    public boolean retryLater(long jobId, String workerId, Duration pause) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("UPDATE judge_jobs SET claimed_by = NULL,"
                     + " lease_until = now() + make_interval(secs => ?) WHERE id = ? AND claimed_by = ?")) {
            q.setDouble(1, pause.toMillis() / 1000.0);
            q.setLong(2, jobId);
            q.setString(3, workerId);
            return q.executeUpdate() == 1;
        }
    }

    /**
     * Gives a job this worker holds back to the queue at once (its process is shutting down): claimable by any
     * worker now, at its old place, and this claim is not counted against the job's attempts, since the judging
     * did not fail. False when the worker no longer held it.
     */
    public boolean handBack(long jobId, String workerId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("UPDATE judge_jobs SET claimed_by = NULL, lease_until = NULL,"
                     + " attempts = GREATEST(attempts - 1, 0) WHERE id = ? AND claimed_by = ?")) {
            q.setLong(1, jobId);
            q.setString(2, workerId);
            return q.executeUpdate() == 1;
        }
    }

    /**
     * Ends the job: removes it, writes the verdict, per-test results and a history entry, and tells the API nodes,
     * all in one transaction. Only the worker still holding the lease may do so: false when the lease was lost
     * (another worker owns the job now) and nothing was written.
     */
    public boolean complete(long jobId, String workerId, Judgement judgement) throws SQLException {
        return Transactions.inTransaction(db, c -> {
            UUID submissionId;
            JobPriority priority;
            try (PreparedStatement q = c.prepareStatement(
                    "DELETE FROM judge_jobs WHERE id = ? AND claimed_by = ? RETURNING submission_id, priority")) {
                q.setLong(1, jobId);
                q.setString(2, workerId);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        return false;
                    }
                    submissionId = (UUID) rs.getObject(1);
                    priority = JobPriority.ofLevel(rs.getShort(2));
                }
            }
            // the verdict announces itself to every API node at commit (V7's trigger on submissions)
            submissions.recordJudgement(c, submissionId, judgement, priority == JobPriority.REJUDGE);
            return true;
        });
    }

    /**
     * The queue at a glance: jobs waiting (claimable now, or given back to be retried later), jobs being judged
     * (their lease running), and how long the oldest waiting job has waited (zero when none waits). One scan of
     * the table, with the database's clock, so that workers' clocks do not matter.
     */
    public Backlog backlog() throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("""
                     SELECT count(*) FILTER (WHERE NOT judging), count(*) FILTER (WHERE judging),
                            COALESCE(EXTRACT(EPOCH FROM now() - min(enqueued_at) FILTER (WHERE NOT judging)), 0)
                     FROM (SELECT enqueued_at, claimed_by IS NOT NULL AND lease_until >= now() AS judging
                           FROM judge_jobs) j""");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return new Backlog(rs.getLong(1), rs.getLong(2), Duration.ofMillis(Math.round(rs.getDouble(3) * 1000)));
        }
    }

    /** See {@link #backlog}. */
    public record Backlog(long waiting, long judging, Duration oldestWaiting) {
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
