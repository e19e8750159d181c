package org.cpjudge.api.store;

import io.vertx.core.json.JsonArray;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.Transactions;
import org.cpjudge.api.queue.JobPriority;
import org.cpjudge.api.queue.JobQueue;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Verdict;

/**
 * The rows of submissions: storing them, reading them back with their per-test results and history, their
 * status while judged, writing a judgement, and resetting them for a rejudge. Their passage through the judge
 * queue belongs to {@link JobQueue}; the methods taking a {@link Connection} run in its transactions.
 */
public final class SubmissionStore implements AutoCloseable {

    private final Database db;
    private GroupCommit groupCommit;

    public SubmissionStore(Database db) {
        this.db = db;
    }

    /**
     * Stores the submission and its job in one transaction: once this returns (the 202), it will be judged. Its
     * class as {@link JobPriority#ofSubmission} gives it for a submission admitted now: one naming a contest is
     * live, because the door admits contest submissions only while the contest runs.
     */
    public UUID create(NewSubmission s) throws SQLException {
        return create(s, JobPriority.ofSubmission(s.contestId() != null, s.attemptJson() != null));
    }

    /** Stores the submission and its job, in {@code priority}'s class, in one transaction. */
    public UUID create(NewSubmission s, JobPriority priority) throws SQLException {
        return Transactions.inTransaction(db, c -> create(c, s, priority));
    }

    /**
     * A submission to store, the class its job is queued in, and what is stored with it in the same transaction
     * (a virtual run's try), or null.
     */
    public record Queued(NewSubmission submission, JobPriority priority, Attachment attachment) {
    }

    /** Stored with a submission, in its transaction; throwing rolls the whole transaction back. */
    @FunctionalInterface
    public interface Attachment {
        void store(Connection c, UUID submissionId) throws SQLException;
    }

    /**
     * Stores one submission with its job (and its attachment): committed when this returns. Submissions that
     * arrive together share a transaction ({@link GroupCommit}); one with an attachment, or made inside a
     * request's joined transaction (an Idempotency-Key's), is stored in that transaction of its own.
     */
    public UUID create(Queued queued) throws SQLException {
        if (queued.attachment() != null || db.inJoinedTransaction()) {
            return createAll(List.of(queued)).get(0);
        }
        return groupCommit().store(queued);
    }

    private synchronized GroupCommit groupCommit() {
        if (groupCommit == null) {
            groupCommit = new GroupCommit(this::createAll);
        }
        return groupCommit;
    }

    /** Stops the group commit's writer, once what waits is written. */
    @Override
    public synchronized void close() {
        if (groupCommit != null) {
            groupCommit.close();
            groupCommit = null;
        }
    }

    /**
     * Stores all these submissions and their jobs in one transaction (a batch is taken whole or not at all), in
     * order: their ids come back in the same order, and each user's jobs are queued in it.
     */
    public List<UUID> createAll(List<Queued> batch) throws SQLException {
        return Transactions.inTransaction(db, c -> {
            List<UUID> ids = insert(c, batch.stream().map(Queued::submission).toList());
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).attachment() != null) {
                    batch.get(i).attachment().store(c, ids.get(i));
                }
            }
            // one statement per class for the whole batch; within a class, each user's jobs in submission order
            Map<JobPriority, List<UUID>> byClass = new LinkedHashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                byClass.computeIfAbsent(batch.get(i).priority(), p -> new ArrayList<>()).add(ids.get(i));
            }
            for (Map.Entry<JobPriority, List<UUID>> e : byClass.entrySet()) {
                JobQueue.enqueue(c, e.getValue(), e.getKey());
            }
            return ids;
        });
    }

    /**
     * The submissions' rows, sent as one JDBC batch. Ids are made here (random, as the column's default would)
     * so that the batch needs no answer per row; each row's time is the clock's as it is inserted, so the
     * batch's order is theirs.
     */
    private static List<UUID> insert(Connection c, List<NewSubmission> submissions) throws SQLException {
        List<UUID> ids = new ArrayList<>(submissions.size());
        try (PreparedStatement q = c.prepareStatement("INSERT INTO submissions (id, user_id, problem_id, language,"
                + " files, contest_id, attempt, callback_url, created_at)"
                + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, clock_timestamp())")) {
            for (NewSubmission s : submissions) {
                UUID id = UUID.randomUUID();
                q.setObject(1, id);
                q.setLong(2, s.userId());
                q.setString(3, s.problemId());
                q.setString(4, s.language());
                q.setString(5, s.filesJson());
                q.setString(6, s.contestId());
                q.setString(7, s.attemptJson());
                q.setString(8, s.callbackUrl());
                q.addBatch();
                ids.add(id);
            }
            q.executeBatch();
        }
        return ids;
    }

    /**
     * Stores the submission and queues its job in the caller's transaction. Its time is the clock's, not the
     * transaction's start: the items of one batch then keep their order wherever submissions are ordered by time
     * (the queue's rounds, a contest's tries).
     */
    public UUID create(Connection c, NewSubmission s, JobPriority priority) throws SQLException {
        UUID id;
        try (PreparedStatement q = c.prepareStatement("INSERT INTO submissions (user_id, problem_id, language,"
                + " files, contest_id, attempt, callback_url, created_at)"
                + " VALUES (?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, clock_timestamp()) RETURNING id")) {
            q.setLong(1, s.userId());
            q.setString(2, s.problemId());
            q.setString(3, s.language());
            q.setString(4, s.filesJson());
            q.setString(5, s.contestId());
            q.setString(6, s.attemptJson());
            q.setString(7, s.callbackUrl());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                id = (UUID) rs.getObject(1);
            }
        }
        JobQueue.enqueue(c, List.of(id), priority);
        return id;
    }

    /**
     * The submission with its per-test results and its history of judgements, in one round trip: a contestant
     * polls this while waiting for a verdict, the most frequent read of a contest.
     */
    public Optional<SubmissionView> find(UUID id) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT s.id, u.handle, s.problem_id, s.language,"
                     + " s.contest_id, s.status, s.verdict, s.score, s.time_ms, s.memory_kb, s.compile_output,"
                     + " s.created_at, s.user_id, s.files::text,"
                     + " (SELECT json_agg(json_build_array(t.name, t.verdict, t.time_ms, t.memory_kb, t.score)"
                     + "     ORDER BY t.ordinal) FROM submission_testcases t WHERE t.submission_id = s.id)::text,"
                     + " (SELECT json_agg(json_build_array(j.verdict, (extract(epoch FROM j.judged_at) * 1000000)::bigint,"
                     + "     j.rejudge) ORDER BY j.judged_at, j.id) FROM submission_judgements j"
                     + "     WHERE j.submission_id = s.id)::text"
                     + " FROM submissions s JOIN users u ON u.id = s.user_id WHERE s.id = ?")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp created = rs.getTimestamp(12);
                return Optional.of(new SubmissionView(rs.getString(1), rs.getLong(13), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), SubmissionStatus.ofWire(rs.getString(6)),
                        verdict(rs.getString(7)), (Double) rs.getObject(8), (Integer) rs.getObject(9),
                        (Integer) rs.getObject(10), rs.getString(11), created.toInstant(), rs.getString(14),
                        testcases(rs.getString(15)), history(rs.getString(16))));
            }
        }
    }

    /** The per-test results, from the rows the query aggregated: [name, verdict, time_ms, memory_kb, score]. */
    private static List<JudgedTest> testcases(String json) {
        List<JudgedTest> tests = new ArrayList<>();
        if (json != null) {
            for (Object o : new JsonArray(json)) {
                JsonArray t = (JsonArray) o;
                Number score = (Number) t.getValue(4);
                tests.add(new JudgedTest(t.getString(0), Verdict.valueOf(t.getString(1)), t.getInteger(2),
                        t.getInteger(3), score == null ? null : score.doubleValue()));
            }
        }
        return tests;
    }

    /** The judgements, oldest first, from the rows the query aggregated: [verdict, judged_at in µs, rejudge]. */
    private static List<PastJudgement> history(String json) {
        List<PastJudgement> history = new ArrayList<>();
        if (json != null) {
            for (Object o : new JsonArray(json)) {
                JsonArray j = (JsonArray) o;
                long micros = j.getLong(1);
                history.add(new PastJudgement(Verdict.valueOf(j.getString(0)),
                        Instant.EPOCH.plus(micros, ChronoUnit.MICROS), j.getBoolean(2)));
            }
        }
        return history;
    }

    /** The verdict column's word as the enum; null while not judged. */
    private static Verdict verdict(String word) {
        return word == null ? null : Verdict.valueOf(word);
    }

    /** Moves a submission being judged to 'compiling' or 'running' (or back to 'queued' for a retry). */
    public void setStatus(UUID id, SubmissionStatus status) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("UPDATE submissions SET status = ? WHERE id = ? AND status <> 'done'")) {
            q.setString(1, status.wire());
            q.setObject(2, id);
            q.executeUpdate();
        }
    }

    /**
     * Writes a judgement: the verdict and per-test results on the submission, an entry in its history, and its
     * callback when it has a callback_url (so that a committed verdict always has its callback in the outbox).
     * Runs in the completing transaction of {@link JobQueue#complete}.
     */
    public void recordJudgement(Connection c, UUID submissionId, Judgement j, boolean fromRejudge) throws SQLException {
        String callbackUrl;
        try (PreparedStatement q = c.prepareStatement("UPDATE submissions SET status = 'done', verdict = ?,"
                + " score = ?, time_ms = ?, memory_kb = ?, compile_output = ?, subtask_scores = ?::jsonb,"
                + " judged_at = now() WHERE id = ? RETURNING callback_url")) {
            q.setString(1, j.verdict().name());
            q.setObject(2, j.score());
            q.setInt(3, j.timeMs());
            q.setInt(4, j.memoryKb());
            q.setString(5, j.compileOutput());
            q.setString(6, j.subtasksJson());
            q.setObject(7, submissionId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("submission " + submissionId + " is gone");
                }
                callbackUrl = rs.getString(1);
            }
        }
        if (callbackUrl != null) {
            CallbackStore.enqueue(c, submissionId, callbackUrl);
        }
        try (PreparedStatement q = c.prepareStatement("INSERT INTO submission_judgements (submission_id, verdict,"
                + " score, time_ms, memory_kb, judged_at, rejudge) VALUES (?, ?, ?, ?, ?, now(), ?)")) {
            q.setObject(1, submissionId);
            q.setString(2, j.verdict().name());
            q.setObject(3, j.score());
            q.setInt(4, j.timeMs());
            q.setInt(5, j.memoryKb());
            q.setBoolean(6, fromRejudge);
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
                q.setString(4, t.verdict().name());
                q.setInt(5, t.timeMs());
                q.setInt(6, t.memoryKb());
                q.setObject(7, t.score());
                q.setString(8, t.outputSha256());
                q.addBatch();
            }
            q.executeBatch();
        }
    }

    /**
     * Puts submissions back to 'queued' with no verdict, score or per-test results (their judgements stay in the
     * history), so that boards show them pending until judged again. Runs in the rejudging transaction.
     */
    public void resetForRejudge(Connection c, List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        Array array = c.createArrayOf("uuid", ids.toArray());
        try (PreparedStatement q = c.prepareStatement("DELETE FROM submission_testcases WHERE submission_id = ANY (?)")) {
            q.setArray(1, array);
            q.executeUpdate();
        }
        try (PreparedStatement q = c.prepareStatement("UPDATE submissions SET status = 'queued', verdict = NULL,"
                + " score = NULL, subtask_scores = NULL, time_ms = NULL, memory_kb = NULL, compile_output = NULL,"
                + " judged_at = NULL WHERE id = ANY (?)")) {
            q.setArray(1, array);
            q.executeUpdate();
        }
    }

    /** A contest's submissions, all of them or one problem's, oldest first. */
    public List<UUID> ofContest(Connection c, String contestId, String problemIdOrNull) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM submissions WHERE contest_id = ?"
                + " AND (?::text IS NULL OR problem_id = ?) ORDER BY created_at, id")) {
            q.setString(1, contestId);
            q.setString(2, problemIdOrNull);
            q.setString(3, problemIdOrNull);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add((UUID) rs.getObject(1));
                }
            }
        }
        return ids;
    }
}
