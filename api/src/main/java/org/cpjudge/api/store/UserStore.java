package org.cpjudge.api.store;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.Transactions;

/** Users and their API tokens. */
public final class UserStore {

    private static final String COLUMNS = "u.id, u.handle, u.kind, u.role, u.name, u.model, u.rating, u.max_rating,"
            + " u.provider, u.model_version";
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * How long a token's user is answered from memory. A token revoked through this process stops working at
     * once; revoked through another API process (or in SQL), within this time. So is a rating changed.
     */
    public static final Duration TOKEN_MEMORY = Duration.ofSeconds(1);

    private final Database db;
    private final RecentReads<ByteBuffer, User> recentTokens = new RecentReads<>(TOKEN_MEMORY, 100_000);

    public UserStore(Database db) {
        this.db = db;
    }

    /** A new user, their first token and their webhook secret; empty when the handle is taken. */
    public Optional<NewUser> create(String handle, String kind, String role, String name, String model)
            throws SQLException {
        return createNamed(handle, kind, role, name, new AiModel(model, null, null));
    }

    /** What an AI user names its model by: the model, who serves it, its version; each may be null. */
    public record AiModel(String model, String provider, String version) {
    }

    /** A new user, their first token and their webhook secret; empty when the handle is taken. */
    public Optional<NewUser> createNamed(String handle, String kind, String role, String name, AiModel model)
            throws SQLException {
        String token = Tokens.generate();
        String secret = Tokens.generate();
        try {
            User user = Transactions.inTransaction(db, c -> {
                User u = insert(c, handle, kind, role, name, model);
                addToken(c, u.id(), token);
                setWebhookSecret(c, u.id(), secret);
                return u;
            });
            return Optional.of(new NewUser(user, token, secret));
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A user just created, with the token and webhook secret shown this once. */
    public record NewUser(User user, String token, String webhookSecret) {
    }

    /** Gives the user a new webhook secret, in place of the old one, and returns it (shown this once). */
    public String rotateWebhookSecret(long userId) throws SQLException {
        String secret = Tokens.generate();
        try (Connection c = db.connection()) {
            setWebhookSecret(c, userId, secret);
        }
        return secret;
    }

    /** The secret callbacks are signed with; stored as given, since the server signs with it (see V11). */
    private static void setWebhookSecret(Connection c, long userId, String secret) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("UPDATE users SET webhook_secret = ? WHERE id = ?")) {
            q.setString(1, secret);
            q.setLong(2, userId);
            if (q.executeUpdate() != 1) {
                throw new SQLException("user " + userId + " is gone");
            }
        }
    }

    /** The token's user, empty when the token is not known (never made, or revoked). */
    public Optional<User> byToken(String token) throws SQLException {
        return recentTokens.get(ByteBuffer.wrap(Tokens.hash(token)), hash -> {
            try (Connection c = db.connection();
                 PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS
                         + " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_sha256 = ?")) {
                q.setBytes(1, hash.array());
                return one(q);
            }
        });
    }

    /**
     * The token's user when it was looked up less than {@link #TOKEN_MEMORY} ago, without asking the database
     * (so without blocking); empty when it must be looked up.
     */
    public Optional<User> recentlyByToken(String token) {
        return recentTokens.recent(ByteBuffer.wrap(Tokens.hash(token)));
    }

    public Optional<User> byHandle(String handle) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM users u WHERE u.handle = ?")) {
            q.setString(1, handle);
            return one(q);
        }
    }

    /**
     * Makes sure the bootstrap administrator exists and that {@code token}, the configured one, is one of its
     * tokens. A token configured before and no longer is revoked: changing the configuration rotates the token.
     * The same token as last time changes nothing, so a revocation through the API holds across restarts. On the
     * first start that remembers the configured token (V17), every older token of the administrator goes, since
     * until then only the configuration gave it tokens. Safe to call on every start, from several processes at once.
     */
    public void ensureAdministrator(String handle, String token) throws SQLException {
        byte[] hash = Tokens.hash(token);
        Transactions.inTransaction(db, c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(7431)")) {
                lock.execute();
            }
            Optional<User> existing;
            try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM users u WHERE u.handle = ?")) {
                q.setString(1, handle);
                existing = one(q);
            }
            User admin = existing.isPresent() ? existing.get() : insert(c, handle, "human", "admin", "Administrator",
                    new AiModel(null, null, null));
            Optional<byte[]> remembered = configuredToken(c, handle);
            if (remembered.isPresent() && java.util.Arrays.equals(remembered.get(), hash)) {
                return null;
            }
            try (PreparedStatement q = remembered.isPresent()
                    ? c.prepareStatement("DELETE FROM api_tokens WHERE user_id = ? AND token_sha256 = ?")
                    : c.prepareStatement("DELETE FROM api_tokens WHERE user_id = ?")) {
                q.setLong(1, admin.id());
                if (remembered.isPresent()) {
                    q.setBytes(2, remembered.get());
                }
                q.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement(
                    "INSERT INTO api_tokens (token_sha256, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                q.setBytes(1, hash);
                q.setLong(2, admin.id());
                q.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement("INSERT INTO configured_admin_tokens (handle, token_sha256)"
                    + " VALUES (?, ?) ON CONFLICT (handle) DO UPDATE SET token_sha256 = EXCLUDED.token_sha256,"
                    + " set_at = now()")) {
                q.setString(1, handle);
                q.setBytes(2, hash);
                q.executeUpdate();
            }
            return null;
        });
        recentTokens.forgetAll();
    }

    private static Optional<byte[]> configuredToken(Connection c, String handle) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT token_sha256 FROM configured_admin_tokens WHERE handle = ?")) {
            q.setString(1, handle);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    /**
     * Revokes every token of the user and gives them one new token, returned to be shown this once: the old
     * ones stop working with the next request to this process (see {@link #TOKEN_MEMORY} for the others).
     */
    public String rotateToken(long userId) throws SQLException {
        String token = Tokens.generate();
        Transactions.inTransaction(db, c -> {
            revokeAll(c, userId);
            addToken(c, userId, token);
            return null;
        });
        recentTokens.forgetAll();
        return token;
    }

    /** Revokes every token of the user: how many there were. */
    public int revokeTokens(long userId) throws SQLException {
        try (Connection c = db.connection()) {
            return revokeAll(c, userId);
        } finally {
            recentTokens.forgetAll();
        }
    }

    private static int revokeAll(Connection c, long userId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("DELETE FROM api_tokens WHERE user_id = ?")) {
            q.setLong(1, userId);
            return q.executeUpdate();
        }
    }

    private static User insert(Connection c, String handle, String kind, String role, String name, AiModel model)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement("INSERT INTO users (handle, kind, role, name, model, provider,"
                + " model_version) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            q.setString(1, handle);
            q.setString(2, kind);
            q.setString(3, role);
            q.setString(4, name);
            q.setString(5, model.model());
            q.setString(6, model.provider());
            q.setString(7, model.version());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new User(rs.getLong(1), handle, kind, role, name, model.model(), null, null, model.provider(),
                        model.version());
            }
        }
    }

    private static void addToken(Connection c, long userId, String token) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("INSERT INTO api_tokens (token_sha256, user_id) VALUES (?, ?)")) {
            q.setBytes(1, Tokens.hash(token));
            q.setLong(2, userId);
            q.executeUpdate();
        }
    }

    private static Optional<User> one(PreparedStatement q) throws SQLException {
        try (ResultSet rs = q.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), (Integer) rs.getObject(7), (Integer) rs.getObject(8), rs.getString(9),
                    rs.getString(10)));
        }
    }
}
