package org.cpjudge.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Text the server can store and look up: PostgreSQL's text holds any Unicode but NUL, so a NUL anywhere in a
 * request's path, query or JSON body is refused with a 400 up front rather than failing deep in a query.
 */
public final class TextRules {

    private TextRules() {
    }

    public static boolean storable(String s) {
        return s.indexOf('\u0000') < 0;
    }

    /** For every route, mounted first: a NUL can only reach a path or query parameter as {@code %00}. */
    public static Handler<RoutingContext> handler() {
        return ctx -> {
            String uri = ctx.request().uri();
            if (uri != null && uri.contains("%00")) {
                Endpoints.error(ctx, 400, "invalid_text", "the request's path or query holds a NUL character");
                return;
            }
            ctx.next();
        };
    }
}
