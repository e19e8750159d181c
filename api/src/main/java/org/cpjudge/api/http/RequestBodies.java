package org.cpjudge.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.cpjudge.api.limits.Refusals;

/**
 * Reading request bodies within a limit that fits the route, refusing before a byte of the body is buffered where
 * that can be known: a declared {@code Content-Length} over the limit gets 413 at once (before authentication), and
 * a body sent without one is cut off by the {@link BodyHandler} at the limit (413 too). Routes whose limit is large
 * (problem packages, batches, standings) first check who is asking ({@link #callerFirst}) when the body is larger
 * than a JSON body may be, so that only a caller allowed to send such a body gets it read.
 *
 * <p>A refused body is never read: the answer goes out with {@code Connection: close} and the connection closes.
 */
public final class RequestBodies {

    /** Any JSON body but the ones with their own limit below. */
    public static final long JSON = 1024L * 1024;

    /** Who must be asking before a body is read, e.g. {@code auth::administrator}; throws an ApiException if not. */
    @FunctionalInterface
    public interface Caller {
        Object check(RoutingContext ctx) throws Exception;
    }

    private RequestBodies() {
    }

    /** Refuses a declared length over {@code limit}, else buffers the body up to {@code limit}. */
    public static Handler<RoutingContext> upTo(long limit) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(limit);
        return ctx -> {
            if (declaredOver(ctx, limit)) {
                return;
            }
            body.handle(ctx);
        };
    }

    /**
     * {@link #upTo} after {@code caller} let the request in, for bodies over {@link #JSON} or of unknown length:
     * the request is paused (nothing of the body is read or lost) while the caller is looked up off the event loop;
     * a refused caller gets its 401 or 403 with the body unread and the connection closed. A declared length over
     * the limit is refused before the lookup. Smaller bodies are buffered and the endpoint checks the caller.
     */
    public static Handler<RoutingContext> callerFirst(long limit, Caller caller) {
        Handler<RoutingContext> body = upTo(limit);
        return ctx -> {
            if (declaredOver(ctx, limit)) {
                return;
            }
            if (declaredSmall(ctx)) {
                // cheap to buffer, and the endpoint checks the caller: a client that sends its whole body before it
                // reads an answer (the JDK's does) is answered instead of left waiting on a closed connection
                body.handle(ctx);
                return;
            }
            ctx.request().pause();
            ctx.vertx().executeBlocking(() -> caller.check(ctx), false).onComplete(checked -> {
                if (checked.failed()) {
                    Refusals.closeIfUnread(ctx);
                    Endpoints.fail(ctx, checked.cause());
                    return;
                }
                body.handle(ctx);
                ctx.request().resume();
            });
        };
    }

    /** A declared length no larger than a JSON body's limit. */
    private static boolean declaredSmall(RoutingContext ctx) {
        String declared = ctx.request().getHeader("Content-Length");
        try {
            return declared != null && Long.parseLong(declared.trim()) <= JSON;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Answers 413 (or 400 for a length that is no number) and says so when the declared length is too much. */
    private static boolean declaredOver(RoutingContext ctx, long limit) {
        String declared = ctx.request().getHeader("Content-Length");
        if (declared == null) {
            return false;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            Refusals.closeIfUnread(ctx);
            Endpoints.error(ctx, 400, "bad_request", "Content-Length must be a whole number");
            return true;
        }
        if (length > limit) {
            Refusals.closeIfUnread(ctx);
            Endpoints.error(ctx, 413, "payload_too_large",
                    "the request body (" + length + " bytes) is larger than this endpoint accepts (" + limit + " bytes)");
            return true;
        }
        return false;
    }
}
