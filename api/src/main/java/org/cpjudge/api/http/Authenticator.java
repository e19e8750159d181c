package org.cpjudge.api.http;

import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import org.cpjudge.api.access.Viewer;
import org.cpjudge.api.store.User;
import org.cpjudge.api.store.UserStore;

/** Finds the user behind {@code Authorization: Bearer TOKEN}. Called from blocking endpoint code. */
public final class Authenticator {

    private final UserStore users;

    public Authenticator(UserStore users) {
        this.users = users;
    }

    public User user(RoutingContext ctx) throws SQLException {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || header.isBlank()) {
            throw new ApiException(401, "unauthenticated", "this endpoint needs 'Authorization: Bearer TOKEN'");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw new ApiException(401, "unauthenticated", "the Authorization header must be 'Bearer TOKEN'");
        }
        String token = header.substring(7).trim();
        return users.byToken(token)
                .orElseThrow(() -> new ApiException(401, "invalid_token", "the token is not known"));
    }

    /**
     * Whoever is asking on an endpoint anyone may read: anonymous without an Authorization header. A header that
     * names no user is refused (401) rather than read as anonymous, so a misconfigured client learns at once.
     */
    public Viewer viewer(RoutingContext ctx) throws SQLException {
        String header = ctx.request().getHeader("Authorization");
        return header == null || header.isBlank() ? Viewer.ANONYMOUS : new Viewer(user(ctx));
    }

    public User administrator(RoutingContext ctx) throws SQLException {
        User u = user(ctx);
        if (!u.isAdmin()) {
            throw new ApiException(403, "forbidden", "only an administrator may do this");
        }
        return u;
    }
}
