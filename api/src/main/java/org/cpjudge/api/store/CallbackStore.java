package org.cpjudge.api.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cpjudge.api.callback.CallbackState;
import org.cpjudge.api.db.Database;

/**
 * The outbox of completion callbacks (V11's submission_callbacks): written in the transaction that records a
 * verdict, claimed by the API processes' dispatchers with {@code FOR UPDATE SKIP LOCKED} under a lease, and
 * finished as delivered, failed, superseded or due again later. Every finishing write names the claim it ends
 * (dispatcher and attempt), so a dispatcher whose lease ran out cannot overwrite the next one's outcome.
 */
public final class CallbackStore {

    private final Database db;

    public CallbackStore(Database db) {
        this.db = db;
    }

    /** A callback claimed for one attempt. {@code body} is null until the first attempt fixes it. */
    public record DueCallback(long id, UUID submissionId, String url, String body, int attempt, String secret) {
    }

    /** Queues a callback of this submission's judgement, in the caller's (the verdict's) transaction. */
    public static void enqueue(Connection c, UUID submissionId, String url) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "INSERT INTO submission_callbacks (submission_id, url) VALUES (?, ?)")) {
            q.setObject(1, submissionId);
            q.setString(2, url);
            q.executeUpdate();
        }
    }

    /**
     * Claims up to {@code limit} due callbacks for {@code dispatcher}: each one's attempt count goes up and its
     * next attempt moves {@code lease} ahead, so no other dispatcher takes it while this one sends (and another
     * does, once the lease runs out, if this one died). Returns them with their user's current webhook secret.
     */
    public List<DueCallback> claim(String dispatcher, int limit, Duration lease) throws SQLException {
        List<DueCallback> due = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("""
                     UPDATE submission_callbacks cb
                     SET attempts = cb.attempts + 1, claimed_by = ?,
                         next_attempt_at = now() + make_interval(secs => ?)
                     FROM (SELECT id FROM submission_callbacks
                           WHERE state = 'pending' AND next_attempt_at <= now()
                           ORDER BY next_attempt_at, id FOR UPDATE SKIP LOCKED LIMIT ?) picked,
                          submissions s, users u
                     WHERE cb.id = picked.id AND s.id = cb.submission_id AND u.id = s.user_id
                     RETURNING cb.id, cb.submission_id, cb.url, cb.body, cb.attempts, u.webhook_secret""")) {
            q.setString(1, dispatcher);
            q.setDouble(2, lease.toMillis() / 1000.0);
            q.setInt(3, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    due.add(new DueCallback(rs.getLong(1), (UUID) rs.getObject(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getString(6)));
                }
            }
        }
        return due;
    }

    /** Fixes the body every attempt of this callback sends; the body kept when one was fixed already. */
    public String fixBody(long id, String body) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement(
                     "UPDATE submission_callbacks SET body = COALESCE(body, ?) WHERE id = ? RETURNING body")) {
            q.setString(1, body);
            q.setLong(2, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : body;
            }
        }
    }

    /** The receiver answered 2xx. */
    public boolean delivered(DueCallback cb, String dispatcher, int status) throws SQLException {
        return finish(cb, dispatcher, CallbackState.DELIVERED, status, null, Duration.ZERO);
    }

    /** The attempt failed and another follows after {@code pause}. */
    public boolean retryLater(DueCallback cb, String dispatcher, Integer status, String error, Duration pause)
            throws SQLException {
        return finish(cb, dispatcher, CallbackState.PENDING, status, error, pause);
    }

    /** The attempt failed and was the last one allowed. */
    public boolean failed(DueCallback cb, String dispatcher, Integer status, String error) throws SQLException {
        return finish(cb, dispatcher, CallbackState.FAILED, status, error, Duration.ZERO);
    }

    /** The submission is being judged again: this judgement's callback is never sent. */
    public boolean superseded(DueCallback cb, String dispatcher) throws SQLException {
        return finish(cb, dispatcher, CallbackState.SUPERSEDED, null, null, Duration.ZERO);
    }

    private boolean finish(DueCallback cb, String dispatcher, CallbackState state, Integer status, String error,
                           Duration pause) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("""
                     UPDATE submission_callbacks
                     SET state = ?, last_status = ?, last_error = ?, claimed_by = NULL,
                         next_attempt_at = now() + make_interval(secs => ?),
                         delivered_at = CASE WHEN ? THEN now() END
                     WHERE id = ? AND claimed_by = ? AND attempts = ? AND state = 'pending'""")) {
            q.setString(1, state.wire());
            q.setObject(2, status);
            q.setString(3, error == null ? null : error.length() > 500 ? error.substring(0, 500) : error);
            q.setDouble(4, pause.toMillis() / 1000.0);
            q.setBoolean(5, state == CallbackState.DELIVERED);
            q.setLong(6, cb.id());
            q.setString(7, dispatcher);
            q.setInt(8, cb.attempt());
            return q.executeUpdate() == 1;
        }
    }
}
