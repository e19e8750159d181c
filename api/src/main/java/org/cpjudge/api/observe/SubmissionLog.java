package org.cpjudge.api.observe;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * The submission a log line concerns, under one MDC key ({@value #KEY}), so that every line about it can be found
 * with one query: the worker's lines while it judges one, the access log's line for a request about one.
 */
public final class SubmissionLog {

    public static final String KEY = "submission";

    private SubmissionLog() {
    }

    /**
     * Marks this request as concerning {@code id}; its access log line carries it. Request handlers run on pooled
     * threads, so the mark lives on the request, not in the thread's MDC, where the next request would inherit it.
     */
    public static void tag(RoutingContext ctx, UUID id) {
        ctx.put(KEY, id.toString());
    }

    /** The submission this request concerns, or null. */
    public static String of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    /** The MDC says {@code id} until the scope closes: for a worker's lines while it judges one submission. */
    public static MDC.MDCCloseable scope(UUID id) {
        return MDC.putCloseable(KEY, id.toString());
    }
}
