package org.cpjudge.api.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpjudge.api.db.Database;

/** Problems and their packages. */
public final class ProblemStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;
    /**
     * Problems known to exist. Nothing deletes a problem, so knowing it once is knowing it; the time to live only
     * bounds how long a row removed by hand keeps taking submissions.
     */
    private final RecentReads<String, Boolean> existing = new RecentReads<>(Duration.ofMinutes(1), 100_000);

    public ProblemStore(Database db) {
        this.db = db;
    }

    /** Stores a new problem; false when the id is taken. */
    public boolean insert(StoredProblem p, byte[] packageZip, long createdBy) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("INSERT INTO problems (id, name, time_limit_ms, memory_limit_mb,"
                     + " testcases, package_sha256, package_zip, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            q.setString(1, p.id());
            q.setString(2, p.name());
            q.setInt(3, p.timeLimitMs());
            q.setInt(4, p.memoryLimitMb());
            q.setInt(5, p.testcases());
            q.setString(6, p.packageSha256());
            q.setBytes(7, packageZip);
            q.setLong(8, createdBy);
            q.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** Whether a problem has this id: asked by every submission, answered from memory after the first. */
    public boolean exists(String id) throws SQLException {
        return existing.get(id, key -> {
            try (Connection c = db.connection();
                 PreparedStatement q = c.prepareStatement("SELECT 1 FROM problems WHERE id = ?")) {
                q.setString(1, key);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(Boolean.TRUE) : Optional.empty();
                }
            }
        }).isPresent();
    }

    public Optional<StoredProblem> find(String id) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT id, name, time_limit_ms, memory_limit_mb, testcases,"
                     + " package_sha256 FROM problems WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredProblem(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5), rs.getString(6)));
            }
        }
    }

    /** Up to {@code limit} problems by id, for lists (the web pages' practice problems). */
    public List<StoredProblem> list(int limit) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT id, name, time_limit_ms, memory_limit_mb, testcases,"
                     + " package_sha256 FROM problems ORDER BY id LIMIT ?")) {
            q.setInt(1, limit);
            List<StoredProblem> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredProblem(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                            rs.getInt(5), rs.getString(6)));
                }
            }
            return out;
        }
    }

    /** The package zip with this content hash, for a worker whose cache lacks it. */
    public Optional<byte[]> packageZip(String sha256) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT package_zip FROM problems WHERE package_sha256 = ? LIMIT 1")) {
            q.setString(1, sha256);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }
}
