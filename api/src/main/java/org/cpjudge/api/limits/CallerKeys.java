package org.cpjudge.api.limits;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bearer token a request counts against, read without a database (as a digest, so no token is held in
 * memory as the map's key; whether it is a valid token is the endpoint's business: an unknown one still draws
 * on its own bucket and on its address's, which {@link ClientAddress} reads).
 */
final class CallerKeys {

    private CallerKeys() {
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
