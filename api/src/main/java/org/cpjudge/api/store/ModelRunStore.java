package org.cpjudge.api.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.virtual.VirtualRun;
import org.cpjudge.api.virtual.VirtualRunStore;

/** The virtual runs of AI users that name a model, and what their tries cost, for the models leaderboard. */
public final class ModelRunStore {

    private final Database db;

    public ModelRunStore(Database db) {
        this.db = db;
    }

    /** A virtual run of an AI user, with the model its user names. */
    public record AiRun(VirtualRun run, String model, String provider, String modelVersion) {
    }

    /** A try of a run as the protocol and the cost read it. */
    public record TryFacts(String problem, String language, BigDecimal costUsd) {
    }

    /** Every virtual run of an AI user naming a model ({@code model} null: any model), by model, contest, handle. */
    public List<AiRun> aiRuns(String model) throws SQLException {
        List<AiRun> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT " + VirtualRunStore.RUN_COLUMNS
                     + ", u.model, u.provider, u.model_version" + VirtualRunStore.RUN_FROM + " WHERE u.kind = 'ai' AND u.model IS NOT NULL AND (?::text IS NULL OR u.model = ?)"
                     + " ORDER BY u.model, r.contest_id, u.handle")) {
            q.setString(1, model);
            q.setString(2, model);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new AiRun(VirtualRunStore.run(rs), rs.getString(10), rs.getString(11), rs.getString(12)));
                }
            }
        }
        return out;
    }

    /** The tries of the runs, by run id: problem, language and the attempt's declared cost (null when none). */
    public Map<Long, List<TryFacts>> tries(List<Long> runIds) throws SQLException {
        Map<Long, List<TryFacts>> out = new HashMap<>();
        if (runIds.isEmpty()) {
            return out;
        }
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT t.run_id, s.problem_id, s.language,"
                     + " s.attempt->>'cost_usd' FROM virtual_tries t JOIN submissions s ON s.id = t.submission_id"
                     + " WHERE t.run_id = ANY (?) ORDER BY t.run_id, t.offset_ms, s.created_at")) {
            q.setArray(1, c.createArrayOf("bigint", runIds.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String cost = rs.getString(4);
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new TryFacts(rs.getString(2),
                            rs.getString(3), cost == null ? null : new BigDecimal(cost)));
                }
            }
        }
        return out;
    }
}
