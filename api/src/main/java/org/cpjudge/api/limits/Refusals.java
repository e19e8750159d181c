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
     * A declared body up to this is left to HTTP/1.1, which reads and drops it after the answer. It was 1 MiB: a
     * JDK client sending a 2 MiB submission then lost its 413 to a broken pipe when the machine was loaded (the
     * connection closed while the client still wrote; ApiErrorsTest in a CI run, 2026-12-02). Reading 4 MiB to
     * drop it costs a few ms at most, and the rate limits bound how often.
     */
    static final long DRAINED_BYTES = 4 * 1024 * 1024;

    /**
     * Call before answering a request whose body is not read. A small declared body is read and dropped after the
     * answer, as HTTP/1.1 does to find the next request: many clients (the JDK's among them) read no answer before
     * they sent their whole body. A larger one, or one of unknown length, must not cost its reading: the answer goes
     * out with {@code Connection: close} and the connection closes once it is on the wire. A paused request (see
     * RequestBodies.callerFirst) is resumed for its body to be drained: paused, it would be left hanging.
     */
    public static void closeIfUnread(RoutingContext ctx) {
        if (ctx.request().isEnded() || ctx.request().version() == HttpVersion.HTTP_2) {
            return;
        }
        String declared = ctx.request().getHeader("Content-Length");
        try {
            if (declared != null && Long.parseLong(declared.trim()) <= DRAINED_BYTES) {
                ctx.request().resume();
                return;
            }
        } catch (NumberFormatException e) {
            // of unknown length: not read
        }
        ctx.response().putHeader("Connection", "close");
        ctx.addBodyEndHandler(v -> ctx.request().connection().close());
    }
}
