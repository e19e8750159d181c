package org.cpjudge.api.store;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpjudge.api.contest.Clarification;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.Transactions;

/**
 * Contests' clarifications. Each one stored is announced on {@link #CHANNEL} by the storing transaction (so
 * only once it is committed) with {@code {"contest", "id"}}, which every API process's stream listens for.
 */
public final class ClarificationStore {

    public static final String CHANNEL = "clarifications";
    private static final String SELECT = "SELECT c.id, c.contest_id, c.problem_id, c.from_user_id, u.handle,"
            + " c.from_jury, c.reply_to, c.to_user_id, c.public, c.text, c.created_at"
            + " FROM clarifications c JOIN users u ON u.id = c.from_user_id";

    private final Database db;

    public ClarificationStore(Database db) {
        this.db = db;
    }

    /**
     * A clarification to store.
     *
     * @param toUserId for a private answer, the asker of the question it answers
     */
    public record Draft(String contestId, String problemId, long fromUserId, boolean fromJury, Long replyTo,
                        Long toUserId, boolean isPublic, String text) {
    }

    /** Stores it and tells every listener, both on commit. */
    public Clarification insert(Draft d) throws SQLException {
        long id = Transactions.inTransaction(db, c -> {
            long stored;
            try (PreparedStatement q = c.prepareStatement("INSERT INTO clarifications (contest_id, problem_id,"
                    + " from_user_id, from_jury, reply_to, to_user_id, public, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " RETURNING id")) {
                q.setString(1, d.contestId());
                q.setString(2, d.problemId());
                q.setLong(3, d.fromUserId());
                q.setBoolean(4, d.fromJury());
                q.setObject(5, d.replyTo());
                q.setObject(6, d.toUserId());
                q.setBoolean(7, d.isPublic());
                q.setString(8, d.text());
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    stored = rs.getLong(1);
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                q.setString(1, CHANNEL);
                q.setString(2, new JsonObject().put("contest", d.contestId()).put("id", stored).encode());
                q.execute();
            }
            return stored;
        });
        return find(d.contestId(), id).orElseThrow();
    }

    public Optional<Clarification> find(String contestId, long id) throws SQLException {
        List<Clarification> found = query(SELECT + " WHERE c.contest_id = ? AND c.id = ?", contestId, id);
        return found.stream().findFirst();
    }

    /** The contest's clarifications, oldest first. */
    public List<Clarification> ofContest(String contestId) throws SQLException {
        return query(SELECT + " WHERE c.contest_id = ? ORDER BY c.id", contestId);
    }

    /**
     * The clarification and the thread it belongs to: a question with all its answers, or an answer with its
     * question and the question's other answers. Enough to decide who may read each of them.
     */
    public List<Clarification> thread(String contestId, long id) throws SQLException {
        return query(SELECT + " WHERE c.contest_id = ? AND (c.id = ? OR c.id = (SELECT reply_to FROM clarifications"
                + " WHERE id = ?) OR c.reply_to = (SELECT COALESCE(reply_to, id) FROM clarifications WHERE id = ?))"
                + " ORDER BY c.id", contestId, id, id, id);
    }

    /** Where each clarification stored after {@code afterId} belongs, oldest first: a listener's catch-up. */
    public List<Stored> after(long afterId) throws SQLException {
        List<Stored> list = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT id, contest_id FROM clarifications WHERE id > ? ORDER BY id")) {
            q.setLong(1, afterId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(new Stored(rs.getString(2), rs.getLong(1)));
                }
            }
        }
        return list;
    }

    public long latestId() throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT COALESCE(max(id), 0) FROM clarifications");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A clarification's place: what a notification carries. */
    public record Stored(String contestId, long id) {
    }

    private List<Clarification> query(String sql, Object... params) throws SQLException {
        List<Clarification> list = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(new Clarification(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getBoolean(6), (Long) rs.getObject(7), (Long) rs.getObject(8),
                            rs.getBoolean(9), rs.getString(10), rs.getTimestamp(11).toInstant()));
                }
            }
        }
        return list;
    }
}
