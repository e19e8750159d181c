package org.cpjudge.api.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.cpjudge.api.access.SubmissionFacts;
import org.cpjudge.api.ai.Attempt;
import org.cpjudge.api.db.Database;
import org.cpjudge.judge.Verdict;

/** Reads AI contestants' attempts (submissions carrying {@code attempt}) for the AI report. */
public final class AiReportStore {

    /**
     * Which attempts to read; a null field does not filter. {@code model} is the model a report row names: the
     * attempt's own {@code "model"}, else its user's.
     */
    public record Filter(String problem, String handle, String contest, String model) {

        public Filter(String problem, String handle, String contest) {
            this(problem, handle, contest, null);
        }

        public boolean any() {
            return problem != null || handle != null || contest != null || model != null;
        }
    }

    /**
     * An attempt's behaviour: each test's name, verdict and output fingerprint, in test order. An attempt that
     * ran no test (CE) behaves as its verdict says.
     */
    static final String BEHAVIOUR = """
            COALESCE((SELECT string_agg(t.name || '=' || t.verdict || ':' || COALESCE(t.output_sha256, '-'), E'\\n'
                                        ORDER BY t.ordinal)
                      FROM submission_testcases t WHERE t.submission_id = s.id),
                     'no tests: ' || COALESCE(s.verdict, '-'))""";

    /**
     * Whether the attempt compiled and passed the problem's sample tests: no CE, and no test named
     * {@code sample/...} with a verdict other than AC. Attempts run every test, so a judged attempt has a row for
     * each sample. A problem without samples filters out compile errors only.
     */
    static final String PASSED_SAMPLES = """
            (COALESCE(s.verdict, '-') <> 'CE'
             AND NOT EXISTS (SELECT 1 FROM submission_testcases t
                             WHERE t.submission_id = s.id AND starts_with(t.name, 'sample/') AND t.verdict <> 'AC'))""";

    private final Database db;

    public AiReportStore(Database db) {
        this.db = db;
    }

    /** An attempt and what the access policy needs to know of its submission. */
    public record StoredAttempt(Attempt attempt, SubmissionFacts facts) {
    }

    public List<StoredAttempt> attempts(Filter filter) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT s.id, u.handle, s.problem_id, s.attempt->>'group',"
                + " s.attempt->>'index', COALESCE(s.attempt->>'model', u.model), s.attempt->>'cost_usd',"
                + " s.attempt->>'tokens', s.created_at, CASE WHEN s.status = 'done' THEN s.verdict END, "
                + BEHAVIOUR + ", s.user_id, s.contest_id, " + PASSED_SAMPLES + " FROM submissions s JOIN users u ON u.id = s.user_id WHERE s.attempt IS NOT NULL");
        List<String> params = new ArrayList<>();
        if (filter.problem() != null) {
            sql.append(" AND s.problem_id = ?");
            params.add(filter.problem());
        }
        if (filter.handle() != null) {
            sql.append(" AND u.handle = ?");
            params.add(filter.handle());
        }
        if (filter.contest() != null) {
            sql.append(" AND s.contest_id = ?");
            params.add(filter.contest());
        }
        if (filter.model() != null) {
            sql.append(" AND COALESCE(s.attempt->>'model', u.model) = ?");
            params.add(filter.model());
        }
        List<StoredAttempt> attempts = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement q = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                q.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    BigDecimal index = decimal(rs.getString(5));
                    Attempt a = new Attempt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            index == null ? null : index.longValue(), rs.getString(6), decimal(rs.getString(7)),
                            decimal(rs.getString(8)), rs.getTimestamp(9).toInstant(),
                            rs.getString(10) == null ? null : Verdict.valueOf(rs.getString(10)),
                            rs.getString(11), rs.getBoolean(14));
                    attempts.add(new StoredAttempt(a, new SubmissionFacts(rs.getLong(12), a.problem(),
                            rs.getString(13), a.submittedAt())));
                }
            }
        }
        return attempts;
    }

    /** JSONB keeps numbers as exact decimals; ->> gives their text. Validation made them numbers. */
    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }
}
