package org.cpjudge.api.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpjudge.api.contest.Admission;
import org.cpjudge.api.contest.AiAttempts;
import org.cpjudge.api.contest.AiParticipation;
import org.cpjudge.api.contest.AttemptTag;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.ContestProblem;
import org.cpjudge.api.contest.ContestRules;
import org.cpjudge.api.contest.ContestSubmission;
import org.cpjudge.api.contest.IoiRule;
import org.cpjudge.api.contest.Participant;
import org.cpjudge.api.contest.Scoring;
import org.cpjudge.api.contest.Visibility;
import org.cpjudge.api.contest.WireEnum;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Verdict;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.Transactions;

/** Contests, their problems and registrations, and the submissions that count in them. */
public final class ContestStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, name, starts_at, duration_minutes, scoring, freeze_minutes, rated,"
            + " newcomer_rule, ended_at, finalized_at, penalty_minutes, ioi_rule, visibility, invitation_code,"
            + " registration_opens_at, registration_closes_at, ai_participation, unfrozen_at, practice_after,"
            + " sources_public_after, ai_attempts";

    /**
     * How long a contest read is answered from memory ({@link #find(String)}, {@link #containing}): every
     * submission and every status read of a contest asks for it. A change made through this process is seen at
     * once; one made by another process sharing the database (or by hand in SQL) within this time, less than a
     * contestant can tell from the clock's own uncertainty.
     */
    public static final Duration CONTEST_MEMORY = Duration.ofMillis(250);

    private final Database db;
    private final RecentReads<String, Contest> recentById = new RecentReads<>(CONTEST_MEMORY, 10_000);
    private final RecentReads<String, List<Contest>> recentByProblem = new RecentReads<>(CONTEST_MEMORY, 100_000);
    /** Registrations known: nothing removes one, so knowing it once is knowing it. */
    private final RecentReads<String, Boolean> registrations = new RecentReads<>(Duration.ofMinutes(1), 100_000);

    public ContestStore(Database db) {
        this.db = db;
    }

    /** This process changed a contest: what memory holds of contests may be out of date. */
    private void changed() {
        recentById.forgetAll();
        recentByProblem.forgetAll();
    }

    /** Stores a new contest with its problems; false when the id is taken. */
    public boolean create(Contest c, long createdBy) throws SQLException {
        try {
            return Transactions.inTransaction(db, conn -> {
                try (PreparedStatement q = conn.prepareStatement("INSERT INTO contests (id, name, starts_at,"
                        + " duration_minutes, scoring, freeze_minutes, rated, newcomer_rule, penalty_minutes, ioi_rule,"
                        + " visibility, invitation_code, registration_opens_at, registration_closes_at,"
                        + " ai_participation, practice_after, sources_public_after, ai_attempts, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    q.setString(1, c.id());
                    int next = bindSettings(q, c, 2);
                    q.setLong(next, createdBy);
                    q.executeUpdate();
                }
                insertProblems(conn, c);
                return true;
            });
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        } finally {
            changed();
        }
    }

    /**
     * Replaces a contest's settings and problems, only while it has not started (checked under the row's lock,
     * so an edit racing the start cannot slip in after it). Empty when there is no such contest.
     *
     * @return the stored contest, or the contest as it was when it had started already (then nothing changed)
     */
    public Optional<Edit> update(Contest c, Instant now) throws SQLException {
        try {
            return Transactions.inTransaction(db, conn -> {
                Optional<Contest> current = find(conn, c.id(), true);
                if (current.isEmpty()) {
                    return Optional.empty();
                }
                if (current.get().startedAt(now)) {
                    return Optional.of(new Edit(current.get(), false));
                }
                try (PreparedStatement q = conn.prepareStatement("UPDATE contests SET name = ?, starts_at = ?,"
                        + " duration_minutes = ?, scoring = ?, freeze_minutes = ?, rated = ?, newcomer_rule = ?,"
                        + " penalty_minutes = ?, ioi_rule = ?, visibility = ?, invitation_code = ?,"
                        + " registration_opens_at = ?, registration_closes_at = ?, ai_participation = ?,"
                        + " practice_after = ?, sources_public_after = ?, ai_attempts = ?, updated_at = now()"
                        + " WHERE id = ?")) {
                    int next = bindSettings(q, c, 1);
                    q.setString(next, c.id());
                    q.executeUpdate();
                }
                try (PreparedStatement q = conn.prepareStatement("DELETE FROM contest_problems WHERE contest_id = ?")) {
                    q.setString(1, c.id());
                    q.executeUpdate();
                }
                insertProblems(conn, c);
                return Optional.of(new Edit(find(conn, c.id(), false).orElseThrow(), true));
            });
        } finally {
            changed();
        }
    }

    /** The outcome of an edit: {@code applied} false when the contest had started and was left as it was. */
    public record Edit(Contest contest, boolean applied) {
    }

    /** Binds every setting but the id, from parameter {@code first} on; returns the next parameter's index. */
    private static int bindSettings(PreparedStatement q, Contest c, int first) throws SQLException {
        int i = first;
        q.setString(i++, c.name());
        q.setTimestamp(i++, Timestamp.from(c.startsAt()));
        q.setInt(i++, c.durationMinutes());
        q.setString(i++, WireEnum.wire(c.scoring()));
        q.setInt(i++, c.freezeMinutes());
        q.setBoolean(i++, c.rated());
        q.setString(i++, c.newcomerRule());
        q.setInt(i++, c.rules().penaltyMinutes());
        q.setString(i++, WireEnum.wire(c.rules().ioiRule()));
        q.setString(i++, WireEnum.wire(c.admission().visibility()));
        q.setString(i++, c.admission().invitationCode());
        q.setTimestamp(i++, timestamp(c.admission().registrationOpens()));
        q.setTimestamp(i++, timestamp(c.admission().registrationCloses()));
        q.setString(i++, WireEnum.wire(c.rules().ai()));
        q.setBoolean(i++, c.admission().practiceAfter());
        q.setBoolean(i++, c.admission().sourcesPublicAfter());
        q.setString(i++, WireEnum.wire(c.rules().aiAttempts()));
        return i;
    }

    private static void insertProblems(Connection conn, Contest c) throws SQLException {
        try (PreparedStatement q = conn.prepareStatement("INSERT INTO contest_problems (contest_id, problem_id,"
                + " ordinal, label, points, rating) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < c.problems().size(); i++) {
                ContestProblem p = c.problems().get(i);
                q.setString(1, c.id());
                q.setString(2, p.problemId());
                q.setInt(3, i);
                q.setString(4, p.label());
                q.setObject(5, p.points());
                q.setObject(6, p.rating());
                q.addBatch();
            }
            q.executeBatch();
        }
    }

    private static Timestamp timestamp(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    /** The contest as read less than {@link #CONTEST_MEMORY} ago, or now. */
    public Optional<Contest> find(String id) throws SQLException {
        return recentById.get(id, key -> {
            try (Connection c = db.connection()) {
                return find(c, key, false);
            }
        });
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

    /**
     * Registers the user; false when they were registered already (a display name or affiliation given again
     * replaces the old one).
     */
    public boolean register(String contestId, long userId, String displayName, String affiliation) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("INSERT INTO contest_registrations (contest_id, user_id,"
                     + " display_name, affiliation) VALUES (?, ?, ?, ?) ON CONFLICT (contest_id, user_id) DO UPDATE"
                     + " SET display_name = COALESCE(EXCLUDED.display_name, contest_registrations.display_name),"
                     + " affiliation = COALESCE(EXCLUDED.affiliation, contest_registrations.affiliation)"
                     + " RETURNING (xmax = 0)")) {
            q.setString(1, contestId);
            q.setLong(2, userId);
            q.setString(3, displayName);
            q.setString(4, affiliation);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    public boolean isRegistered(String contestId, long userId) throws SQLException {
        return registrations.get(contestId + "\n" + userId, key -> {
            try (Connection c = db.connection();
                 PreparedStatement q = c.prepareStatement(
                         "SELECT 1 FROM contest_registrations WHERE contest_id = ? AND user_id = ?")) {
                q.setString(1, contestId);
                q.setLong(2, userId);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(Boolean.TRUE) : Optional.empty();
                }
            }
        }).isPresent();
    }

    public List<Participant> participants(Connection c, String contestId) throws SQLException {
        List<Participant> list = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT u.id, u.handle, u.kind, r.display_name,"
                + " r.affiliation, u.rating FROM contest_registrations r"
                + " JOIN users u ON u.id = r.user_id WHERE r.contest_id = ? ORDER BY u.handle")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(new Participant(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), (Integer) rs.getObject(6)));
                }
            }
        }
        return list;
    }

    /**
     * What changes the contestants on a board (registrations, names, ratings), in one cheap value: it differs
     * whenever any of them changed.
     */
    public String participantsFingerprint(Connection c, String contestId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT count(*), coalesce(sum(hashtext(u.id || '|'"
                + " || coalesce(r.display_name, '') || '|' || coalesce(r.affiliation, '') || '|'"
                + " || coalesce(u.rating::text, '') || '|' || u.handle)::bigint), 0) FROM contest_registrations r"
                + " JOIN users u ON u.id = r.user_id WHERE r.contest_id = ?")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1) + ":" + rs.getLong(2);
            }
        }
    }

    /**
     * {@link #ATTEMPT_TAG_COLUMNS}, the last four: an attempt group's tag (group, index, behaviour, passed samples), read only for submissions
     * that name a group, for contests whose attempt groups count by consensus. Behaviour and sample passing are
     * read as the AI report reads them. Queries name the table {@code s}.
     */
    public static final String ATTEMPT_TAG_COLUMNS = "s.attempt->>'group', s.attempt->>'index',"
            + " CASE WHEN s.attempt->>'group' IS NOT NULL AND s.status = 'done' THEN " + AiReportStore.BEHAVIOUR
            + " END, CASE WHEN s.attempt->>'group' IS NOT NULL THEN " + AiReportStore.PASSED_SAMPLES + " END";
    private static final String SUBMISSION_COLUMNS = "s.id, s.user_id, s.problem_id, s.created_at, s.status,"
            + " s.verdict, s.score, s.subtask_scores, s.contest_id, s.changed_at, " + ATTEMPT_TAG_COLUMNS;

    /** The contest's submissions, oldest first. */
    public List<ContestSubmission> submissions(Connection c, String contestId) throws SQLException {
        List<ContestSubmission> list = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT " + SUBMISSION_COLUMNS
                + " FROM submissions s WHERE contest_id = ? ORDER BY created_at, id")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(submission(rs));
                }
            }
        }
        return list;
    }

    /** A submission as a board sees it, with the contest it is in (null for practice) and when it last changed. */
    public record ChangedSubmission(ContestSubmission submission, String contestId, Instant changedAt) {
    }

    /** These submissions as they are now (those that no longer exist are left out). */
    public List<ChangedSubmission> submissionsById(Connection c, List<UUID> ids) throws SQLException {
        List<ChangedSubmission> list = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT " + SUBMISSION_COLUMNS
                + " FROM submissions s WHERE id = ANY(?)")) {
            q.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(new ChangedSubmission(submission(rs), rs.getString(9), rs.getTimestamp(10).toInstant()));
                }
            }
        }
        return list;
    }

    /** The contest's submissions whose verdict, status or score changed after {@code since}. */
    public List<ChangedSubmission> submissionsChangedSince(Connection c, String contestId, Instant since)
            throws SQLException {
        List<ChangedSubmission> list = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT " + SUBMISSION_COLUMNS
                + " FROM submissions s WHERE contest_id = ? AND changed_at > ? ORDER BY changed_at")) {
            q.setString(1, contestId);
            q.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(new ChangedSubmission(submission(rs), rs.getString(9), rs.getTimestamp(10).toInstant()));
                }
            }
        }
        return list;
    }

    private static ContestSubmission submission(ResultSet rs) throws SQLException {
        String verdict = rs.getString(6);
        return new ContestSubmission((UUID) rs.getObject(1), rs.getLong(2), rs.getString(3),
                rs.getTimestamp(4).toInstant(), SubmissionStatus.ofWire(rs.getString(5)),
                verdict == null ? null : Verdict.valueOf(verdict), (Double) rs.getObject(7),
                subtasks(rs.getString(8)), attemptTag(rs, 11));
    }

    /** The tag read by {@link #ATTEMPT_TAG_COLUMNS} from column {@code first} on; null for no group. */
    public static AttemptTag attemptTag(ResultSet rs, int first) throws SQLException {
        String group = rs.getString(first);
        if (group == null) {
            return null;
        }
        String index = rs.getString(first + 1);
        return new AttemptTag(group, index == null ? null : new java.math.BigDecimal(index).longValue(),
                rs.getString(first + 2), rs.getBoolean(first + 3));
    }

    private static List<org.cpjudge.judge.SubtaskScore> subtasks(String json) {
        if (json == null) {
            return List.of();
        }
        List<org.cpjudge.judge.SubtaskScore> list = new ArrayList<>();
        for (Object o : new io.vertx.core.json.JsonArray(json)) {
            io.vertx.core.json.JsonObject s = (io.vertx.core.json.JsonObject) o;
            list.add(new org.cpjudge.judge.SubtaskScore(s.getString("name"), s.getDouble("score", 0.0),
                    s.getDouble("max", 0.0)));
        }
        return list;
    }

    /**
     * Ends a running contest now (its scheduled end stays for the freeze), in the caller's transaction: seen by
     * this process at once, or (when its transaction commits later) within {@link #CONTEST_MEMORY} of the commit.
     */
    public void endAt(Connection c, String contestId, Instant when) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("UPDATE contests SET ended_at = ? WHERE id = ?")) {
            q.setTimestamp(1, Timestamp.from(when));
            q.setString(2, contestId);
            q.executeUpdate();
        } finally {
            changed();
        }
    }

    /** Lifts the freeze: the public board shows every result from now on. False when it was lifted already. */
    public boolean unfreeze(String contestId, Instant when) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement(
                     "UPDATE contests SET unfrozen_at = ? WHERE id = ? AND unfrozen_at IS NULL")) {
            q.setTimestamp(1, Timestamp.from(when));
            q.setString(2, contestId);
            return q.executeUpdate() == 1;
        } finally {
            changed();
        }
    }

    /**
     * The contests a problem belongs to (a problem may be reused by several), as read less than
     * {@link #CONTEST_MEMORY} ago, or now.
     */
    public List<Contest> containing(String problemId) throws SQLException {
        return recentByProblem.get(problemId, key -> {
            List<Contest> found = new ArrayList<>();
            try (Connection c = db.connection();
                 PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM contests WHERE id IN"
                         + " (SELECT contest_id FROM contest_problems WHERE problem_id = ?)")) {
                q.setString(1, key);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        found.add(contest(rs, problems(c, rs.getString(1))));
                    }
                }
            }
            return Optional.of(List.copyOf(found));
        }).orElseThrow();
    }

    /** Marks the contest finalized, in the caller's transaction (seen here as {@link #endAt} says). */
    public void markFinalized(Connection c, String contestId, Instant when) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("UPDATE contests SET finalized_at = ? WHERE id = ?")) {
            q.setTimestamp(1, Timestamp.from(when));
            q.setString(2, contestId);
            q.executeUpdate();
        } finally {
            changed();
        }
    }

    private static List<ContestProblem> problems(Connection c, String contestId) throws SQLException {
        List<ContestProblem> problems = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT problem_id, label, points, rating FROM contest_problems WHERE contest_id = ? ORDER BY ordinal")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    problems.add(new ContestProblem(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
                            (Integer) rs.getObject(4)));
                }
            }
        }
        return problems;
    }

    private static Contest contest(ResultSet rs, List<ContestProblem> problems) throws SQLException {
        ContestRules rules = new ContestRules(wire(Scoring.class, rs.getString(5)), rs.getInt(11),
                wire(IoiRule.class, rs.getString(12)), rs.getBoolean(7), rs.getString(8),
                wire(AiParticipation.class, rs.getString(17)), wire(AiAttempts.class, rs.getString(21)));
        Admission admission = new Admission(wire(Visibility.class, rs.getString(13)), rs.getString(14),
                instant(rs.getTimestamp(15)), instant(rs.getTimestamp(16)), rs.getBoolean(19), rs.getBoolean(20));
        return new Contest(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getInt(4),
                rs.getInt(6), rules, admission, problems, instant(rs.getTimestamp(9)), instant(rs.getTimestamp(18)),
                instant(rs.getTimestamp(10)));
    }

    /** The schema's CHECKs allow only the enums' words: anything else is a broken database, not bad input. */
    private static <E extends Enum<E>> E wire(Class<E> type, String text) {
        return WireEnum.parse(type, text)
                .orElseThrow(() -> new IllegalStateException("unknown " + type.getSimpleName() + " '" + text + "'"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
