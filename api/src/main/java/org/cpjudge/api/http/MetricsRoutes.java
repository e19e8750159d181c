package org.cpjudge.api.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.cpjudge.api.observe.QueueGauges;
import org.cpjudge.api.observe.ServerMetrics;

/**
 * {@code GET /metrics}: every meter of this process in Prometheus's text format. Open like {@code /health/live}:
 * it names routes and counts, never a user, a token or a submission. The queue gauges are refreshed (a cheap
 * query, at most once a second, never holding the scrape up for long) and the text written off the event loop.
 */
public final class MetricsRoutes {

    /** Prometheus's text exposition format, the one every scraper reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Vertx vertx;
    private final ServerMetrics metrics;
    private final QueueGauges queue;

    public MetricsRoutes(Vertx vertx, ServerMetrics metrics, QueueGauges queue) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.queue = queue;
    }

    public void mount(Router router) {
        router.get("/metrics").handler(ctx -> vertx.executeBlocking(() -> {
            queue.refresh();
            return metrics.scrape();
        }, false).onComplete(done -> {
            if (done.failed()) {
                Endpoints.fail(ctx, done.cause());
            } else if (!ctx.response().ended()) {
                ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(done.result());
            }
        }));
    }
}
