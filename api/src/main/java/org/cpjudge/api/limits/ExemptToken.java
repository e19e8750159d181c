package org.cpjudge.api.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Predicate;

/**
 * The bootstrap administrator's token, the one token the limits let through (the only administrator there is:
 * the API creates none). Compared in constant time; a request carrying it still authenticates as usual downstream.
 */
public final class ExemptToken implements Predicate<String> {

    public static final Predicate<String> NONE = token -> false;

    private final byte[] token;

    private ExemptToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public static Predicate<String> of(String adminToken) {
        return adminToken == null || adminToken.isBlank() ? NONE : new ExemptToken(adminToken);
    }

    @Override
    public boolean test(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
