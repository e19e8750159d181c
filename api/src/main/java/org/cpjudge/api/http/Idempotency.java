package org.cpjudge.api.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.JoinedTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} on POST: the first request with a key runs, and its answer is kept with the key, in
 * the same transaction as everything the request wrote (a {@link JoinedTransaction}); a retry with the same key
 * and the same request (method, path, body) from the same caller gets that answer again, status and body, and
 * creates nothing. The same key on another request is refused (422 {@code idempotency_key_reused}). Keys belong
 * to the caller (the hash of their token) and are kept for {@link #KEPT}.
 *
 * <p>Only successful answers are kept: a refused request wrote nothing, so its retry simply runs again. Two
 * requests with one key at the same time are one after the other: the second waits on the first's uncommitted
 * key row, then answers what the first committed (or runs, if the first was refused).
 */
public final class Idempotency {

    private static final Logger log = LoggerFactory.getLogger(Idempotency.class);
    public static final String HEADER = "Idempotency-Key";
    public static final Duration KEPT = Duration.ofHours(24);
    /** Printable ASCII, as Stripe and the IETF draft use them (a UUID, typically). */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final long PURGE_EVERY_MS = Duration.ofMinutes(10).toMillis();

    private final Database db;
    private final AtomicLong lastPurge = new AtomicLong();

    public Idempotency(Database db) {
        this.db = db;
    }

    /** Runs {@code endpoint} for this request: once per key, when the request carries one. */
    Reply handle(RoutingContext ctx, Endpoints.Blocking endpoint) throws Exception {
        String key = ctx.request().getHeader(HEADER);
        if (key == null || ctx.request().method() != HttpMethod.POST) {
            return endpoint.handle(ctx);
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.badRequest("invalid_idempotency_key",
                    "'" + HEADER + "' must be 1 to 255 printable ASCII characters (a UUID, say)");
        }
        purgeNowAndThen();
        String caller = caller(ctx);
        byte[] fingerprint = fingerprint(ctx);
        try (JoinedTransaction tx = db.join()) {
            Connection c = tx.connection();
            if (!claim(c, caller, key, fingerprint)) {
                return earlierAnswer(c, caller, key, fingerprint);
            }
            Reply reply = endpoint.handle(ctx);
            keep(c, caller, key, reply);
            tx.commit();
            return reply;
        }
    }

    /**
     * Takes the key for this request: true when it is new (or its old answer expired), false when an answer is
     * kept under it. Waits while another request holds the key uncommitted.
     */
    private static boolean claim(Connection c, String caller, String key, byte[] fingerprint) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("INSERT INTO idempotency_keys (caller, key, fingerprint,"
                + " expires_at) VALUES (?, ?, ?, now() + make_interval(secs => ?))"
                + " ON CONFLICT (caller, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, status = NULL,"
                + " body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at"
                + " WHERE idempotency_keys.expires_at <= now()")) {
            q.setString(1, caller);
            q.setString(2, key);
            q.setBytes(3, fingerprint);
            q.setLong(4, KEPT.toSeconds());
            return q.executeUpdate() == 1;
        }
    }

    private static Reply earlierAnswer(Connection c, String caller, String key, byte[] fingerprint)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT fingerprint, status, body, json FROM idempotency_keys"
                + " WHERE caller = ? AND key = ?")) {
            q.setString(1, caller);
            q.setString(2, key);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("idempotency key row vanished under its lock");
                }
                if (!Arrays.equals(rs.getBytes(1), fingerprint)) {
                    throw new ApiException(422, "idempotency_key_reused", "this " + HEADER + " was used for another"
                            + " request (a different method, path or body); a retry must repeat its request exactly,"
                            + " a new request needs a new key");
                }
                byte[] body = rs.getBytes(3);
                return new Reply(rs.getInt(2), rs.getBoolean(4)
                        ? new String(body, StandardCharsets.UTF_8) : Buffer.buffer(body));
            }
        }
    }

    private static void keep(Connection c, String caller, String key, Reply reply) throws SQLException {
        boolean json = !(reply.body() instanceof Buffer);
        byte[] body = json ? String.valueOf(reply.body()).getBytes(StandardCharsets.UTF_8)
                : ((Buffer) reply.body()).getBytes();
        try (PreparedStatement q = c.prepareStatement("UPDATE idempotency_keys SET status = ?, body = ?, json = ?"
                + " WHERE caller = ? AND key = ?")) {
            q.setInt(1, reply.status());
            q.setBytes(2, body);
            q.setBoolean(3, json);
            q.setString(4, caller);
            q.setString(5, key);
            q.executeUpdate();
        }
    }

    /**
     * Whose key this is: the SHA-256 of the bearer token (never the token), so keys of different callers never
     * meet; a caller without a token is known by its address only.
     */
    private static String caller(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "token:" + HexFormat.of().formatHex(sha256(header.substring(7).trim().getBytes(StandardCharsets.UTF_8)));
        }
        if (header != null && !header.isBlank()) {
            return "header:" + HexFormat.of().formatHex(sha256(header.getBytes(StandardCharsets.UTF_8)));
        }
        return "anonymous:" + ctx.request().remoteAddress().hostAddress();
    }

    /** The request a key stands for: method, path with its query, and body. */
    private static byte[] fingerprint(RoutingContext ctx) {
        MessageDigest digest = sha256();
        digest.update((ctx.request().method().name() + " " + ctx.request().uri() + "\n").getBytes(StandardCharsets.UTF_8));
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (body != null) {
            digest.update(body.getBytes());
        }
        return digest.digest();
    }

    /** Expired keys are deleted every few minutes, by whichever request comes then (and never fails for it). */
    private void purgeNowAndThen() {
        long now = System.currentTimeMillis();
        long last = lastPurge.get();
        if (now - last < PURGE_EVERY_MS || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("DELETE FROM idempotency_keys WHERE expires_at <= now()")) {
            int purged = q.executeUpdate();
            if (purged > 0) {
                log.info("purged {} expired idempotency keys", purged);
            }
        } catch (SQLException e) {
            log.warn("purging expired idempotency keys failed: {}", e.toString());
        }
    }

    private static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
