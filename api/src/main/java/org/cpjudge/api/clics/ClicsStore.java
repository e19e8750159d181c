package org.cpjudge.api.clics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.Participant;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.http.LanguageCatalog;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Verdict;

/**
 * Reads what the Contest API shows. The contest itself comes from {@link ContestStore} (it owns the model);
 * everything else is read here, in one connection so one answer shows one moment of the contest.
 */
public final class ClicsStore {

    private final Database db;
    private final ContestStore contests;
    private final LanguageCatalog languages;

    public ClicsStore(Database db, ContestStore contests, LanguageCatalog languages) {
        this.db = db;
        this.contests = contests;
        this.languages = languages;
    }

    public List<Contest> contests() throws SQLException {
        return contests.list();
    }

    /** The contest whose CLICS id is {@code clicsId}: usually our own id, else (a long id) found by its derived id. */
    public Optional<Contest> contest(String clicsId) throws SQLException {
        Optional<Contest> direct = contests.find(clicsId);
        if (direct.isPresent() && ClicsIds.of(direct.get().id()).equals(clicsId)) {
            return direct;
        }
        return contests.list().stream().filter(c -> ClicsIds.of(c.id()).equals(clicsId)).findFirst();
    }

    public Optional<ContestData> load(String contestId) throws SQLException {
        return load(contestId, true);
    }

    /**
     * The contest's data; without {@code rows} only the contest itself (what {@code state}, {@code access},
     * {@code judgement-types} and {@code groups} need), so those stay cheap in a large contest.
     */
    public Optional<ContestData> load(String contestId, boolean rows) throws SQLException {
        if (!rows) {
            try (Connection c = db.connection()) {
                Optional<Contest> contest = contests.find(c, contestId, false);
                if (contest.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new ContestData(contest.get(), configuredAt(c, contestId), List.of(), List.of(),
                        List.of(), List.of(), List.of(), List.of()));
            }
        }
        JsonArray offered = languages.list();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            // one snapshot for every query below
            try (var q = c.createStatement()) {
                q.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
            }
            try {
                Optional<Contest> contest = contests.find(c, contestId, false);
                if (contest.isEmpty()) {
                    return Optional.empty();
                }
                List<ContestData.Submission> submissions = submissions(c, contestId);
                return Optional.of(new ContestData(contest.get(), configuredAt(c, contestId), teams(c, contestId),
                        problems(c, contestId), submissions, runs(c, contestId), clarifications(c, contestId),
                        languages(offered, submissions)));
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * A cheap summary of everything the API shows of a contest that data changes (not the clock): equal
     * summaries mean nothing was written in between, so an open event feed need not rebuild its events.
     */
    public String fingerprint(String contestId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT"
                     + " (SELECT row(count(*), count(*) FILTER (WHERE status <> 'queued'), count(*) FILTER (WHERE status = 'done'),"
                     + "   max(created_at), sum(extract(epoch FROM judged_at)), string_agg(DISTINCT verdict, ','))"
                     + "   FROM submissions WHERE contest_id = ?)::text,"
                     + " (SELECT row(count(*), max(registered_at), sum(hashtext(coalesce(display_name, '') || '|'"
                     + "   || coalesce(affiliation, ''))::bigint)) FROM contest_registrations WHERE contest_id = ?)::text,"
                     + " (SELECT row(count(*), max(id)) FROM clarifications WHERE contest_id = ?)::text,"
                     + " (SELECT row(updated_at, ended_at, unfrozen_at, finalized_at) FROM contests WHERE id = ?)::text")) {
            for (int i = 1; i <= 4; i++) {
                q.setString(i, contestId);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getString(4);
            }
        }
    }

    /** The submission's files as stored ({@code [{"name", "content"}]}), if it belongs to the contest. */
    public Optional<JsonArray> files(String contestId, UUID submission) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT files::text FROM submissions WHERE id = ? AND contest_id = ?")) {
            q.setObject(1, submission);
            q.setString(2, contestId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new JsonArray(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static Instant configuredAt(Connection c, String contestId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT GREATEST(created_at, updated_at) FROM contests WHERE id = ?")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private static List<ContestData.Team> teams(Connection c, String contestId) throws SQLException {
        List<ContestData.Team> list = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT u.id, u.handle, u.kind, r.display_name, r.affiliation,"
                + " r.registered_at FROM contest_registrations r JOIN users u ON u.id = r.user_id"
                + " WHERE r.contest_id = ? ORDER BY u.handle")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(new ContestData.Team(new Participant(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)), rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return list;
    }

    private static List<ContestData.Problem> problems(Connection c, String contestId) throws SQLException {
        List<ContestData.Problem> list = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT cp.problem_id, cp.label, cp.ordinal, cp.points, p.name,"
                + " p.time_limit_ms, p.testcases FROM contest_problems cp JOIN problems p ON p.id = cp.problem_id"
                + " WHERE cp.contest_id = ? ORDER BY cp.ordinal")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(new ContestData.Problem(rs.getString(1), rs.getString(2), rs.getInt(3),
                            (Integer) rs.getObject(4), rs.getString(5), rs.getInt(6), rs.getInt(7)));
                }
            }
        }
        return list;
    }

    private static List<ContestData.Submission> submissions(Connection c, String contestId) throws SQLException {
        List<ContestData.Submission> list = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT id, user_id, problem_id, language, created_at, status,"
                + " verdict, score, judged_at, time_ms,"
                + " (SELECT jsonb_agg(f -> 'name') FROM jsonb_array_elements(files) f)::text, "
                + ContestStore.ATTEMPT_TAG_COLUMNS
                + " FROM submissions s WHERE contest_id = ? ORDER BY created_at, id")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String verdict = rs.getString(7);
                    String names = rs.getString(11);
                    List<String> fileNames = new ArrayList<>();
                    if (names != null) {
                        new JsonArray(names).forEach(n -> fileNames.add(String.valueOf(n)));
                    }
                    list.add(new ContestData.Submission((UUID) rs.getObject(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getTimestamp(5).toInstant(), SubmissionStatus.ofWire(rs.getString(6)),
                            verdict == null ? null : Verdict.valueOf(verdict), (Double) rs.getObject(8),
                            instant(rs.getTimestamp(9)), (Integer) rs.getObject(10), fileNames,
                            ContestStore.attemptTag(rs, 12)));
                }
            }
        }
        return list;
    }

    private static List<ContestData.Run> runs(Connection c, String contestId) throws SQLException {
        List<ContestData.Run> list = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT t.submission_id, t.ordinal, t.verdict, t.time_ms"
                + " FROM submission_testcases t JOIN submissions s ON s.id = t.submission_id"
                + " WHERE s.contest_id = ? ORDER BY s.created_at, s.id, t.ordinal")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(new ContestData.Run((UUID) rs.getObject(1), rs.getInt(2),
                            JudgementTypes.parse(rs.getString(3)), rs.getInt(4)));
                }
            }
        }
        return list;
    }

    private static List<ContestData.Clarification> clarifications(Connection c, String contestId) throws SQLException {
        List<ContestData.Clarification> list = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT id, problem_id, from_user_id, from_jury, reply_to,"
                + " to_user_id, public, text, created_at FROM clarifications WHERE contest_id = ? ORDER BY id")) {
            q.setString(1, contestId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(new ContestData.Clarification(rs.getLong(1), rs.getString(2), rs.getLong(3),
                            rs.getBoolean(4), (Long) rs.getObject(5), (Long) rs.getObject(6), rs.getBoolean(7),
                            rs.getString(8), rs.getTimestamp(9).toInstant()));
                }
            }
        }
        return list;
    }

    /**
     * The languages the live workers offer, and every language a submission of the contest used: after the
     * contest the workers may be gone, and a submission's language_id must still resolve.
     */
    private static List<ContestData.Language> languages(JsonArray offered, List<ContestData.Submission> submissions) {
        Map<String, ContestData.Language> byId = new LinkedHashMap<>();
        for (Object o : offered) {
            JsonObject l = (JsonObject) o;
            List<String> extensions = new ArrayList<>();
            l.getJsonArray("extensions", new JsonArray()).forEach(e -> extensions.add(String.valueOf(e)));
            byId.putIfAbsent(l.getString("id"), new ContestData.Language(l.getString("id"),
                    l.getString("name", l.getString("id")), extensions));
        }
        for (ContestData.Submission s : submissions) {
            byId.putIfAbsent(s.language(), new ContestData.Language(s.language(), s.language(), List.of()));
        }
        return List.copyOf(byId.values());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
