package org.cpjudge.api.virtual;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cpjudge.api.contest.ContestSubmission;
import org.cpjudge.api.contest.WireEnum;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.Transactions;
import org.cpjudge.api.queue.JobPriority;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.store.NewSubmission;
import org.cpjudge.api.store.SubmissionStore;
import org.cpjudge.rating.Result;

/** The rows of virtual participation: a contest's reference standings, virtual runs, and the tries made in them. */
public final class VirtualRunStore {

    private static final String UNIQUE_VIOLATION = "23505";
    /** A run's columns (as {@link #run} reads them, first to ninth) and the tables they come from. */
    public static final String RUN_COLUMNS = "r.id, r.contest_id, r.user_id, u.handle, r.policy, r.started_at,"
            + " r.ended_at, c.duration_minutes, r.pace_minutes";
    public static final String RUN_FROM = " FROM virtual_runs r JOIN users u ON u.id = r.user_id"
            + " JOIN contests c ON c.id = r.contest_id";

    private final Database db;
    private final ContestStore contests;

    public VirtualRunStore(Database db, ContestStore contests) {
        this.db = db;
        this.contests = contests;
    }

    // ---- reference standings

    /** Replaces the contest's reference standings with {@code rows}, in one transaction. */
    public int replaceStandings(String contestId, List<ReferenceRow> rows) throws SQLException {
        return Transactions.inTransaction(db, c -> {
            try (PreparedStatement q = c.prepareStatement("DELETE FROM reference_standings WHERE contest_id = ?")) {
                q.setString(1, contestId);
                q.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement("INSERT INTO reference_standings (contest_id, ordinal,"
                    + " handle, rating, rank, points, penalty) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows.size(); i++) {
                    ReferenceRow row = rows.get(i);
                    q.setString(1, contestId);
                    q.setInt(2, i);
                    q.setString(3, row.handle());
                    q.setInt(4, row.rating());
                    if (row.result() instanceof Result.GivenRank g) {
                        q.setLong(5, g.rank());
                        q.setObject(6, null);
                        q.setObject(7, null);
                    } else {
                        Result.Score s = (Result.Score) row.result();
                        q.setObject(5, null);
                        q.setDouble(6, s.points());
                        q.setLong(7, s.penalty());
                    }
                    q.addBatch();
                }
                q.executeBatch();
            }
            return rows.size();
        });
    }

    /** The contest's reference standings in the order they were imported; empty when none were. */
    public List<ReferenceRow> standings(String contestId) throws SQLException {
        List<ReferenceRow> rows = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT handle, rating, rank, points, penalty"
                     + " FROM reference_standings WHERE contest_id = ? ORDER BY ordinal")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Long rank = (Long) rs.getObject(3);
                    Result result = rank != null ? new Result.GivenRank(rank)
                            : new Result.Score(rs.getDouble(4), rs.getLong(5));
                    rows.add(new ReferenceRow(rs.getString(1), rs.getInt(2), result));
                }
            }
        }
        return rows;
    }

    // ---- runs

    /** Starts the user's run of the contest now; empty when they have one already (one run per user and contest). */
    public Optional<VirtualRun> start(String contestId, long userId, VirtualPolicy policy, Integer paceMinutes)
            throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("INSERT INTO virtual_runs (contest_id, user_id, policy,"
                     + " pace_minutes) VALUES (?, ?, ?, ?) RETURNING id")) {
            q.setString(1, contestId);
            q.setLong(2, userId);
            q.setString(3, WireEnum.wire(policy));
            q.setObject(4, paceMinutes);
            q.executeQuery().close();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
        return find(contestId, userId);
    }

    public Optional<VirtualRun> find(String contestId, long userId) throws SQLException {
        try (Connection c = db.connection()) {
            return find(c, "r.contest_id = ? AND r.user_id = ?", contestId, userId, false);
        }
    }

    public Optional<VirtualRun> findByHandle(String contestId, String handle) throws SQLException {
        try (Connection c = db.connection()) {
            return find(c, "r.contest_id = ? AND u.handle = ?", contestId, handle, false);
        }
    }

    private static Optional<VirtualRun> find(Connection c, String where, String contestId, Object who, boolean lock)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + RUN_COLUMNS + RUN_FROM + " WHERE " + where
                + (lock ? " FOR UPDATE OF r" : ""))) {
            q.setString(1, contestId);
            q.setObject(2, who);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(run(rs)) : Optional.empty();
            }
        }
    }

    public static VirtualRun run(ResultSet rs) throws SQLException {
        Timestamp ended = rs.getTimestamp(7);
        return new VirtualRun(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                WireEnum.parse(VirtualPolicy.class, rs.getString(5)).orElseThrow(),
                rs.getTimestamp(6).toInstant(), ended == null ? null : ended.toInstant(), rs.getInt(8),
                (Integer) rs.getObject(9));
    }

    /** Ends the run at {@code now} unless it is closed already; the run as it stands afterwards. */
    public Optional<VirtualRun> end(String contestId, long userId, Instant now) throws SQLException {
        return Transactions.inTransaction(db, c -> {
            Optional<VirtualRun> run = find(c, "r.contest_id = ? AND r.user_id = ?", contestId, userId, true);
            if (run.isPresent() && run.get().activeAt(now)) {
                try (PreparedStatement q = c.prepareStatement("UPDATE virtual_runs SET ended_at = ? WHERE id = ?")) {
                    q.setTimestamp(1, Timestamp.from(now));
                    q.setLong(2, run.get().id());
                    q.executeUpdate();
                }
                return find(c, "r.contest_id = ? AND r.user_id = ?", contestId, userId, false);
            }
            return run;
        });
    }

    /** What came of a submission to a virtual run: its id, or that the run was closed by then. */
    /**
     * Records a stored submission as a try of its author's run of its contest, at its moment of the contest, in
     * the transaction that stores the submission. The run's row is locked meanwhile, so a concurrent {@code end}
     * cannot let it slip in late. False (and nothing recorded) when the run is over: roll the transaction back.
     */
    public boolean recordTry(Connection c, NewSubmission s, UUID submissionId, Integer declaredMinute, Instant now)
            throws SQLException {
        VirtualRun run = find(c, "r.contest_id = ? AND r.user_id = ?", s.contestId(), s.userId(), true).orElse(null);
        if (run == null || !run.activeAt(now)) {
            return false;
        }
        try (PreparedStatement q = c.prepareStatement(
                "INSERT INTO virtual_tries (submission_id, run_id, offset_ms) VALUES (?, ?, ?)")) {
            q.setObject(1, submissionId);
            q.setLong(2, run.id());
            q.setLong(3, run.offsetMillis(now, declaredMinute));
            q.executeUpdate();
        }
        return true;
    }

    /** A try of a virtual run: the submission as stored (real time) and the moment of the contest it counts at. */
    public record VirtualTry(ContestSubmission submission, long offsetMillis) {
    }

    /** The run's tries, in the order they count: by their moment of the contest, then as they were submitted. */
    public List<VirtualTry> tries(VirtualRun run) throws SQLException {
        try (Connection c = db.connection()) {
            Map<UUID, Long> offsets = new HashMap<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT submission_id, offset_ms FROM virtual_tries WHERE run_id = ?")) {
                q.setLong(1, run.id());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        offsets.put((UUID) rs.getObject(1), rs.getLong(2));
                    }
                }
            }
            List<VirtualTry> tries = new ArrayList<>();
            if (offsets.isEmpty()) {
                return tries;
            }
            for (ContestStore.ChangedSubmission s : contests.submissionsById(c, new ArrayList<>(offsets.keySet()))) {
                tries.add(new VirtualTry(s.submission(), offsets.get(s.submission().id())));
            }
            tries.sort(java.util.Comparator.comparingLong(VirtualTry::offsetMillis)
                    .thenComparing(t -> t.submission().submittedAt()).thenComparing(t -> t.submission().id()));
            return tries;
        }
    }

    /** The run's author's rating as the rating formulas take it: internal rating (null: never rated) and count. */
    public record RatingState(Integer internalRating, int ratedContests) {
    }

    public RatingState ratingOf(long userId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT internal_rating, rated_contests FROM users WHERE id = ?")) {
            q.setLong(1, userId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new RatingState((Integer) rs.getObject(1), rs.getInt(2));
            }
        }
    }
}
