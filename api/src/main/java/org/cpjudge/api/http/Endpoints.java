package org.cpjudge.api.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.cpjudge.api.db.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs endpoint logic off the event loop (it talks JDBC and touches files) and turns its outcome into the
 * response: a {@link Reply}, an {@link ApiException} as a 4xx error body, PostgreSQL being unreachable as a 503
 * with Retry-After ({@link DatabaseOutage}), anything else as a logged 500. A POST with an Idempotency-Key runs
 * once per key ({@link Idempotency}).
 */
public final class Endpoints {

    private static final Logger log = LoggerFactory.getLogger(Endpoints.class);

    @FunctionalInterface
    public interface Blocking {
        Reply handle(RoutingContext ctx) throws Exception;
    }

    private final Vertx vertx;
    private final Idempotency idempotency;

    public Endpoints(Vertx vertx, Idempotency idempotency) {
        this.vertx = vertx;
        this.idempotency = idempotency;
    }

    public Handler<RoutingContext> blocking(Blocking endpoint) {
        return ctx -> vertx.<Reply>executeBlocking(() -> idempotency.handle(ctx, endpoint), false).onComplete(done -> {
            if (done.succeeded()) {
                send(ctx, done.result());
            } else {
                fail(ctx, done.cause());
            }
        });
    }

    public static void send(RoutingContext ctx, Reply reply) {
        if (ctx.response().ended()) {
            return;
        }
        if (reply.body() instanceof io.vertx.core.buffer.Buffer raw) {
            ctx.response().setStatusCode(reply.status()).end(raw);
            return;
        }
        ctx.response().setStatusCode(reply.status())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(String.valueOf(reply.body()));
    }

    public static void fail(RoutingContext ctx, Throwable cause) {
        if (cause instanceof ApiException e) {
            error(ctx, e.status(), e.code(), e.getMessage());
        } else if (DatabaseOutage.causedBy(cause)) {
            DatabaseOutage.report(ctx.request().method() + " " + ctx.request().path(), cause);
            if (!ctx.response().ended()) {
                ctx.response().putHeader("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
            }
            error(ctx, 503, "database_unavailable",
                    "the database is unavailable; retry in a few seconds (a POST with the same Idempotency-Key is safe to retry)");
        } else {
            // the line names the submission the request concerns, as its access log line does
            String submission = org.cpjudge.api.observe.SubmissionLog.of(ctx);
            try (var scope = submission == null ? null : org.slf4j.MDC.putCloseable(
                    org.cpjudge.api.observe.SubmissionLog.KEY, submission)) {
                log.error("{} {} failed", ctx.request().method(), ctx.request().path(), cause);
            }
            error(ctx, 500, "internal_error", "the server failed to handle this request; it has been logged");
        }
    }

    public static void error(RoutingContext ctx, int status, String code, String message) {
        if (ctx.response().ended()) {
            return;
        }
        JsonObject body = new JsonObject().put("error", new JsonObject().put("code", code).put("message", message));
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}
