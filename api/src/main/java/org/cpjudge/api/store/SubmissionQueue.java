package org.cpjudge.api.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cpjudge.api.db.Database;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Verdict;

/**
 * The jury's view of every submission, newest first, filtered and read a page at a time: what the jury desk's
 * queue shows. Who may read it (administrators) is the caller's business.
 */
public final class SubmissionQueue {

    /** Which submissions to list; a null field does not filter. */
    public record Filter(String contest, String problem, String handle, Verdict verdict, SubmissionStatus status) {
    }

    /**
     * One submission as the queue lists it.
     *
     * @param verdict    null while not judged
     * @param judgements how many verdicts it was given so far (more than one after a rejudge)
     */
    public record Entry(String id, String handle, String problem, String language, String contest,
                        SubmissionStatus status, Verdict verdict, Double score, Integer timeMs, Integer memoryKb,
                        Instant submittedAt, int judgements) {
    }

    /** One page of entries and how many match the filter in all. */
    public record Page(List<Entry> entries, int total) {
    }

    private final Database db;

    public SubmissionQueue(Database db) {
        this.db = db;
    }

    public Page page(Filter filter, int limit, int offset) throws SQLException {
        StringBuilder where = new StringBuilder(" FROM submissions s JOIN users u ON u.id = s.user_id WHERE TRUE");
        List<String> params = new ArrayList<>();
        condition(where, params, " AND s.contest_id = ?", filter.contest());
        condition(where, params, " AND s.problem_id = ?", filter.problem());
        condition(where, params, " AND u.handle = ?", filter.handle());
        // the verdict column keeps the last verdict while a rejudge runs; only a finished judging counts
        condition(where, params, " AND s.status = 'done' AND s.verdict = ?",
                filter.verdict() == null ? null : filter.verdict().name());
        condition(where, params, " AND s.status = ?", filter.status() == null ? null : filter.status().wire());
        try (Connection c = db.connection()) {
            int total;
            try (PreparedStatement q = c.prepareStatement("SELECT count(*)" + where)) {
                bind(q, params);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    total = (int) Math.min(Integer.MAX_VALUE, rs.getLong(1));
                }
            }
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT s.id, u.handle, s.problem_id, s.language,"
                    + " s.contest_id, s.status, s.verdict, s.score, s.time_ms, s.memory_kb, s.created_at,"
                    + " (SELECT count(*) FROM submission_judgements j WHERE j.submission_id = s.id)" + where
                    + " ORDER BY s.created_at DESC, s.id DESC LIMIT ? OFFSET ?")) {
                int n = bind(q, params);
                q.setInt(n + 1, limit);
                q.setInt(n + 2, offset);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        SubmissionStatus status = SubmissionStatus.ofWire(rs.getString(6));
                        String verdict = rs.getString(7);
                        entries.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), status,
                                verdict == null || status != SubmissionStatus.DONE ? null : Verdict.valueOf(verdict),
                                (Double) rs.getObject(8), (Integer) rs.getObject(9), (Integer) rs.getObject(10),
                                rs.getTimestamp(11).toInstant(), rs.getInt(12)));
                    }
                }
            }
            return new Page(entries, total);
        }
    }

    private static void condition(StringBuilder where, List<String> params, String sql, String value) {
        if (value != null) {
            where.append(sql);
            params.add(value);
        }
    }

    private static int bind(PreparedStatement q, List<String> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            q.setString(i + 1, params.get(i));
        }
        return params.size();
    }
}
