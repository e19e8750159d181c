package org.cpjudge.api.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.ContestSubmission;
import org.cpjudge.api.contest.Participant;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.Transactions;

/** Contests, their problems and registrations, and the submissions that count in them. */
public final class ContestStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, name, starts_at, duration_minutes, scoring, freeze_minutes, rated,"
            + " newcomer_rule, ended_at, finalized_at";

    private final Database db;

    public ContestStore(Database db) {
        this.db = db;
    }

    /** Stores a new contest with its problems; false when the id is taken. */
    public boolean create(Contest c, long createdBy) throws SQLException {
        try {
            return Transactions.inTransaction(db, conn -> {
                try (PreparedStatement q = conn.prepareStatement("INSERT INTO contests (id, name, starts_at,"
                        + " duration_minutes, scoring, freeze_minutes, rated, newcomer_rule, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    q.setString(1, c.id());
                    q.setString(2, c.name());
                    q.setTimestamp(3, Timestamp.from(c.startsAt()));
                    q.setInt(4, c.durationMinutes());
                    q.setString(5, c.scoring());
                    q.setInt(6, c.freezeMinutes());
                    q.setBoolean(7, c.rated());
                    q.setString(8, c.newcomerRule());
                    q.setLong(9, createdBy);
                    q.executeUpdate();
                }
                try (PreparedStatement q = conn.prepareStatement(
                        "INSERT INTO contest_problems (contest_id, problem_id, ordinal) VALUES (?, ?, ?)")) {
                    for (int i = 0; i < c.problems().size(); i++) {
                        q.setString(1, c.id());
                        q.setString(2, c.problems().get(i));
                        q.setInt(3, i);
                        q.addBatch();
                    }
                    q.executeBatch();
                }
                return true;
            });
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Contest> find(String id) throws SQLException {
        try (Connection c = db.connection()) {
            return find(c, id, false);
        }
    }

    /** With {@code lock}, holds the contest's row until the transaction ends (finalizing takes it). */
    public Optional<Contest> find(Connection c, String id, boolean lock) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM contests WHERE id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(contest(rs, problems(c, id)));
            }
        }
    }

    /** Every contest, the latest start first. */
    public List<Contest> list() throws SQLException {
        List<Contest> contests = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM contests ORDER BY starts_at DESC, id")) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    contests.add(contest(rs, problems(c, rs.getString(1))));
                }
            }
        }
        return contests;
    }

    /** Registers the user; false when they were registered already. */
    public boolean register(String contestId, long userId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("INSERT INTO contest_registrations (contest_id, user_id)"
                     + " VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            q.setString(1, contestId);
            q.setLong(2, userId);
            return q.executeUpdate() == 1;
        }
    }

    public boolean isRegistered(String contestId, long userId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT 1 FROM contest_registrations WHERE contest_id = ? AND user_id = ?")) {
            q.setString(1, contestId);
            q.setLong(2, userId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    public List<Participant> participants(Connection c, String contestId) throws SQLException {
        List<Participant> list = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT u.id, u.handle, u.kind FROM contest_registrations r"
                + " JOIN users u ON u.id = r.user_id WHERE r.contest_id = ? ORDER BY u.handle")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(new Participant(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return list;
    }

    /** The contest's submissions, oldest first. */
    public List<ContestSubmission> submissions(Connection c, String contestId) throws SQLException {
        List<ContestSubmission> list = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT user_id, problem_id, created_at, status, verdict, score"
                + " FROM submissions WHERE contest_id = ? ORDER BY created_at, id")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(new ContestSubmission(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getString(4), rs.getString(5), (Double) rs.getObject(6)));
                }
            }
        }
        return list;
    }

    /** Ends a running contest now (its scheduled end stays for the freeze). */
    public void endAt(Connection c, String contestId, Instant when) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("UPDATE contests SET ended_at = ? WHERE id = ?")) {
            q.setTimestamp(1, Timestamp.from(when));
            q.setString(2, contestId);
            q.executeUpdate();
        }
    }

    public void markFinalized(Connection c, String contestId, Instant when) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("UPDATE contests SET finalized_at = ? WHERE id = ?")) {
            q.setTimestamp(1, Timestamp.from(when));
            q.setString(2, contestId);
            q.executeUpdate();
        }
    }

    private static List<String> problems(Connection c, String contestId) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT problem_id FROM contest_problems WHERE contest_id = ? ORDER BY ordinal")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    problems.add(rs.getString(1));
                }
            }
        }
        return problems;
    }

    private static Contest contest(ResultSet rs, List<String> problems) throws SQLException {
        Timestamp ended = rs.getTimestamp(9);
        Timestamp finalized = rs.getTimestamp(10);
        return new Contest(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getInt(4),
                rs.getString(5), rs.getInt(6), rs.getBoolean(7), rs.getString(8),
                ended == null ? null : ended.toInstant(), finalized == null ? null : finalized.toInstant(), problems);
    }
}
