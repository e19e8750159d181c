package org.cpjudge.api.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cpjudge.api.db.Database;
import org.cpjudge.rating.RatingChange;

/** Users' ratings: their state before a contest, the changes finalizing applies, history and leaderboard. */
public final class RatingStore {

    /** What the rating formulas need of a user; {@code internalRating} is null before their first rated contest. */
    public record RatingState(long userId, Integer internalRating, int ratedContests) {
    }

    /**
     * One rated contest of a user, in public ratings. {@code delta} is the public change: for a newcomer under
     * Codeforces' 2020 rule it includes the display boost, as Codeforces shows it (0 → 499, not the internal -1).
     */
    public record HistoryEntry(String contest, String contestName, int rank, int oldRating, int newRating, int delta,
                               Instant appliedAt) {
    }

    public record RatedUser(String handle, String kind, int rating) {
    }

    private final Database db;

    public RatingStore(Database db) {
        this.db = db;
    }

    public Map<Long, RatingState> states(Connection c, Collection<Long> userIds) throws SQLException {
        Map<Long, RatingState> states = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT id, internal_rating, rated_contests FROM users WHERE id = ANY (?) FOR UPDATE")) {
            q.setArray(1, c.createArrayOf("bigint", userIds.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getLong(1), new RatingState(rs.getLong(1), (Integer) rs.getObject(2), rs.getInt(3)));
                }
            }
        }
        return states;
    }

    /** Records one contestant's change and moves their rating, in the caller's transaction. */
    public void apply(Connection c, String contestId, long userId, RatingChange change) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("INSERT INTO rating_changes (contest_id, user_id, rank,"
                + " old_internal_rating, new_internal_rating, old_rating, new_rating, delta, seed)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            q.setString(1, contestId);
            q.setLong(2, userId);
            q.setInt(3, change.rank());
            q.setInt(4, change.oldRating());
            q.setInt(5, change.newRating());
            q.setInt(6, change.oldDisplayedRating());
            q.setInt(7, change.newDisplayedRating());
            q.setInt(8, change.delta());
            q.setDouble(9, change.seed());
            q.executeUpdate();
        }
        try (PreparedStatement q = c.prepareStatement("UPDATE users SET internal_rating = ?, rating = ?,"
                + " max_rating = GREATEST(COALESCE(max_rating, ?), ?), rated_contests = rated_contests + 1 WHERE id = ?")) {
            q.setInt(1, change.newRating());
            q.setInt(2, change.newDisplayedRating());
            q.setInt(3, change.newDisplayedRating());
            q.setInt(4, change.newDisplayedRating());
            q.setLong(5, userId);
            q.executeUpdate();
        }
    }

    /** The changes a contest applied, in rank order. */
    public List<Map.Entry<String, HistoryEntry>> changesOf(Connection c, String contestId) throws SQLException {
        List<Map.Entry<String, HistoryEntry>> list = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT u.handle, r.rank, r.old_rating, r.new_rating, r.new_rating - r.old_rating,"
                + " r.applied_at FROM rating_changes r JOIN users u ON u.id = r.user_id WHERE r.contest_id = ?"
                + " ORDER BY r.rank, u.handle")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(Map.entry(rs.getString(1), new HistoryEntry(contestId, null, rs.getInt(2), rs.getInt(3),
                            rs.getInt(4), rs.getInt(5), rs.getTimestamp(6).toInstant())));
                }
            }
        }
        return list;
    }

    /** A user's rated contests, oldest first. */
    public List<HistoryEntry> history(long userId) throws SQLException {
        List<HistoryEntry> list = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT r.contest_id, k.name, r.rank, r.old_rating, r.new_rating,"
                     + " r.new_rating - r.old_rating, r.applied_at FROM rating_changes r JOIN contests k ON k.id = r.contest_id"
                     + " WHERE r.user_id = ? ORDER BY r.applied_at, r.contest_id")) {
            q.setLong(1, userId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(new HistoryEntry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                            rs.getInt(5), rs.getInt(6), rs.getTimestamp(7).toInstant()));
                }
            }
        }
        return list;
    }

    /** Rated users of a kind ("human", "ai", or null for all), best first. */
    public List<RatedUser> rated(String kind) throws SQLException {
        List<RatedUser> list = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT handle, kind, rating FROM users WHERE rating IS NOT NULL"
                     + " AND (?::text IS NULL OR kind = ?) ORDER BY rating DESC, handle")) {
            q.setString(1, kind);
            q.setString(2, kind);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(new RatedUser(rs.getString(1), rs.getString(2), rs.getInt(3)));
                }
            }
        }
        return list;
    }
}
