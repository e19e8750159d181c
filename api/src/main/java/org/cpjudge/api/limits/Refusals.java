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

    /** A declared body up to this is left to HTTP/1.1, which reads and drops it after the answer. */
    static final long DRAINED_BYTES = 1024 * 1024;

    /**
     * Call before answering a request whose body is not read. A small declared body is read and dropped after the
     * answer, as HTTP/1.1 does to find the next request: many clients (the JDK's among them) read no answer before
     * they sent their whole body. A larger one, or one of unknown length, must not cost its reading: the answer goes
     * out with {@code Connection: close} and the connection closes once it is on the wire. Do not pause a request
     * and then refuse it with a small body: a paused request is not drained.
     */
    public static void closeIfUnread(RoutingContext ctx) {
        if (ctx.request().isEnded() || ctx.request().version() == HttpVersion.HTTP_2) {
            return;
        }
        String declared = ctx.request().getHeader("Content-Length");
        try {
            if (declared != null && Long.parseLong(declared.trim()) <= DRAINED_BYTES) {
                return;
            }
        } catch (NumberFormatException e) {
            // of unknown length: not read
        }
        ctx.response().putHeader("Connection", "close");
        ctx.addBodyEndHandler(v -> ctx.request().connection().close());
    }
}
