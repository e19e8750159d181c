package org.cpjudge.api.limits;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Who a request counts against, read from the connection and its headers without a database: the peer address,
 * and the bearer token (as a digest, so no token is held in memory as the map's key; whether it is a valid token
 * is the endpoint's business: an unknown one still draws on its own bucket and on its address's).
 */
final class CallerKeys {

    private CallerKeys() {
    }

    static String address(RoutingContext ctx) {
        SocketAddress peer = ctx.request().remoteAddress();
        String host = peer == null ? null : peer.hostAddress();
        return host == null ? "unknown" : host;
    }

    /** The bearer token, or null when the request carries none. */
    static String token(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
