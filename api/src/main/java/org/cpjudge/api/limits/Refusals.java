package org.cpjudge.api.limits;

import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import org.cpjudge.api.http.Endpoints;

/** The answers of a limit: the usual error body, with {@code Retry-After} in whole seconds (at least 1). */
public final class Refusals {

    private Refusals() {
    }

    static void refuse(RoutingContext ctx, int status, String code, String message, long waitNanos) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        closeIfUnread(ctx);
        Endpoints.error(ctx, status, code, message + "; retry after " + seconds + " s");
    }

    /**
     * Call before answering a request whose body is not read: HTTP/1.1 would otherwise go on reading the whole body
     * (to find the next request on the connection) after the answer, which is what a refused body must not cost.
     * The connection closes once the answer is on the wire.
     */
    public static void closeIfUnread(RoutingContext ctx) {
        if (ctx.request().isEnded() || ctx.request().version() == HttpVersion.HTTP_2) {
            return;
        }
        ctx.response().putHeader("Connection", "close");
        ctx.addBodyEndHandler(v -> ctx.request().connection().close());
    }
}
