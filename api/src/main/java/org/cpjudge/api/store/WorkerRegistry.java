package org.cpjudge.api.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.cpjudge.api.db.Database;

/**
 * Judge workers announce themselves and the languages they can judge; the API is ready when one was seen
 * recently, and lists the languages the live workers offer. Every language ever announced is remembered too
 * (known_languages), so that submissions are still taken while no worker is up.
 */
public final class WorkerRegistry {

    /** A worker not seen for this long is taken for dead. */
    public static final int ALIVE_SECONDS = 30;

    private final Database db;

    public WorkerRegistry(Database db) {
        this.db = db;
    }

    public void heartbeat(String workerId, String host, String languagesJson) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("INSERT INTO judge_workers (id, host, languages) VALUES (?, ?, ?::jsonb)"
                     + " ON CONFLICT (id) DO UPDATE SET last_seen = now(), languages = EXCLUDED.languages");
             PreparedStatement remember = c.prepareStatement("INSERT INTO known_languages (id, language, position)"
                     + " SELECT l.value->>'id', l.value, l.ordinality FROM jsonb_array_elements(?::jsonb)"
                     + " WITH ORDINALITY AS l WHERE l.value->>'id' IS NOT NULL"
                     + " ON CONFLICT (id) DO UPDATE SET language = EXCLUDED.language, updated_at = now()"
                     + " WHERE known_languages.language IS DISTINCT FROM EXCLUDED.language")) {
            q.setString(1, workerId);
            q.setString(2, host);
            q.setString(3, languagesJson);
            q.executeUpdate();
            remember.setString(1, languagesJson);
            remember.executeUpdate();
        }
    }

    public void leave(String workerId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("DELETE FROM judge_workers WHERE id = ?")) {
            q.setString(1, workerId);
            q.executeUpdate();
        }
    }

    public boolean anyAlive() throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM judge_workers"
                     + " WHERE last_seen > now() - make_interval(secs => ?) LIMIT 1")) {
            q.setInt(1, ALIVE_SECONDS);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The language lists (JSON arrays) of the workers alive now. */
    public List<String> liveLanguageLists() throws SQLException {
        List<String> lists = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT languages::text FROM judge_workers"
                     + " WHERE last_seen > now() - make_interval(secs => ?) ORDER BY started_at")) {
            q.setInt(1, ALIVE_SECONDS);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    lists.add(rs.getString(1));
                }
            }
        }
        return lists;
    }

    /** Every language a worker ever announced (as the last one to announce it did), in the order first seen. */
    public List<String> knownLanguages() throws SQLException {
        List<String> languages = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT language::text FROM known_languages"
                     + " ORDER BY first_seen, position")) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    languages.add(rs.getString(1));
                }
            }
        }
        return languages;
    }
}
