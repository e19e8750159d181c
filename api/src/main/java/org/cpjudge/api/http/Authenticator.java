package org.cpjudge.api.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.util.Optional;
import org.cpjudge.api.access.Viewer;
import org.cpjudge.api.store.User;
import org.cpjudge.api.store.UserStore;

/**
 * Finds the user behind {@code Authorization: Bearer TOKEN}. Three roles follow: an administrator, a contestant
 * (human or AI), and the anonymous reader who sends no Authorization header at all. The one rule, applied to
 * every route by {@link #gate}: a request that sends the header must name a known user, or it is refused (401),
 * never read as anonymous, so a client with a revoked or mistyped token learns it at once on any endpoint.
 * The token itself is never logged nor kept: only its SHA-256 is looked up.
 */
public final class Authenticator {

    /** Where the gate leaves the user it found, so the endpoint does not look the token up again. */
    private static final String USER_KEY = Authenticator.class.getName() + ".user";

    private final UserStore users;

    public Authenticator(UserStore users) {
        this.users = users;
    }

    /**
     * A handler for every route, mounted before them: without an Authorization header the request goes on as
     * anonymous at no cost; with one, the token is looked up (off the event loop) and a bad one answered 401.
     * The request is paused meanwhile so that a body handler further on still sees the whole body.
     */
    public Handler<RoutingContext> gate(Vertx vertx) {
        return ctx -> {
            if (!sendsCredentials(ctx)) {
                ctx.next();
                return;
            }
            // a token seen a moment ago needs no trip off the event loop (most requests during a contest)
            Optional<User> recent = bearerToken(ctx).flatMap(users::recentlyByToken);
            if (recent.isPresent()) {
                ctx.put(USER_KEY, recent.get());
                ctx.next();
                return;
            }
            ctx.request().pause();
            // a route that never reads the body must not leave the connection paused behind it
            ctx.addEndHandler(done -> resume(ctx));
            vertx.<User>executeBlocking(() -> user(ctx), false).onComplete(found -> {
                if (found.succeeded()) {
                    ctx.next();
                } else {
                    resume(ctx);
                    Endpoints.fail(ctx, found.cause());
                }
            });
        };
    }

    private static void resume(RoutingContext ctx) {
        if (!ctx.request().isEnded()) {
            ctx.request().resume();
        }
    }

    /** The caller, who must have sent a known token. Called from blocking endpoint code. */
    public User user(RoutingContext ctx) throws SQLException {
        User known = ctx.get(USER_KEY);
        if (known != null) {
            return known;
        }
        if (!sendsCredentials(ctx)) {
            throw new ApiException(401, "unauthenticated", "this endpoint needs 'Authorization: Bearer TOKEN'");
        }
        String token = bearerToken(ctx).orElseThrow(() ->
                new ApiException(401, "unauthenticated", "the Authorization header must be 'Bearer TOKEN'"));
        User user = users.byToken(token)
                .orElseThrow(() -> new ApiException(401, "invalid_token", "the token is not known"));
        ctx.put(USER_KEY, user);
        return user;
    }

    /**
     * Whoever is asking on an endpoint anyone may read: anonymous without an Authorization header. A header that
     * names no user is refused (401) rather than read as anonymous, so a misconfigured client learns at once.
     */
    public Viewer viewer(RoutingContext ctx) throws SQLException {
        return sendsCredentials(ctx) ? new Viewer(user(ctx)) : Viewer.ANONYMOUS;
    }

    public User administrator(RoutingContext ctx) throws SQLException {
        User u = user(ctx);
        if (!u.isAdmin()) {
            throw new ApiException(403, "forbidden", "only an administrator may do this");
        }
        return u;
    }

    /** The token of an {@code Authorization: Bearer TOKEN} header; empty without one or with another scheme. */
    private static Optional<String> bearerToken(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }

    /** Whether the request claims to be someone: any non-blank Authorization header. */
    public static boolean sendsCredentials(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        return header != null && !header.isBlank();
    }
}
