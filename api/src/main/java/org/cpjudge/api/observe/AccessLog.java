package org.cpjudge.api.observe;

import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One line per HTTP request, under the logger {@value #LOGGER} (turn it off there): method, route template,
 * status, duration, bytes sent, and the submission the request concerns. The route template, never the path: a
 * path or query may carry what is not ours to keep (a feed token, a user's search), and no header is ever written,
 * so neither is the Authorization header. A request no route took is logged with route "-".
 */
public final class AccessLog implements Handler<RoutingContext> {

    public static final String LOGGER = "cpjudge.access";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    public void handle(RoutingContext ctx) {
        if (log.isInfoEnabled()) {
            long start = System.nanoTime();
            ctx.addBodyEndHandler(v -> write(ctx, start, true));
            // Vert.x also reports a normal end as "connection closed" here, so only a response that never ended is
            // logged from this one: the client went away first
            ctx.addEndHandler(done -> {
                if (!ctx.response().ended()) {
                    write(ctx, start, false);
                }
            });
        }
        ctx.next();
    }

    private static void write(RoutingContext ctx, long start, boolean completed) {
        String method = ctx.request().method().name();
        String route = route(ctx.currentRoute());
        int status = ctx.response().getStatusCode();
        long micros = (System.nanoTime() - start) / 1000;
        long bytes = ctx.response().bytesWritten();
        String submission = SubmissionLog.of(ctx);
        LoggingEventBuilder line = log.atInfo()
                .addKeyValue("method", method)
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", micros / 1000.0)
                .addKeyValue("bytes", bytes);
        if (!completed) {
            line = line.addKeyValue("aborted", true);
        }
        String text = method + " " + route + " " + status + " " + micros / 1000.0 + "ms " + bytes + "B"
                + (completed ? "" : " aborted") + (submission == null ? "" : " submission=" + submission);
        if (submission == null) {
            line.log(text);
            return;
        }
        // the event loop's MDC holds it for this one line only
        try (MDC.MDCCloseable scope = MDC.putCloseable(SubmissionLog.KEY, submission)) {
            line.log(text);
        }
    }

    private static String route(Route route) {
        if (route == null || route.getPath() == null) {
            return "-";
        }
        return route.getPath();
    }
}
