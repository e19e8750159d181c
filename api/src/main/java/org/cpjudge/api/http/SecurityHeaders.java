package org.cpjudge.api.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers that keep a browser from misreading what we send: every response is {@code nosniff} and leaks no
 * referrer to other sites; an HTML page also gets a Content-Security-Policy that lets nothing in but our own
 * stylesheet, same-origin fetches and our own script files ({@code /static/js/*}, {@code script-src 'self'}),
 * never {@code 'unsafe-inline'} (pages carry no inline scripts: they pass data in {@code data-*} attributes),
 * and that no other site may frame it.
 */
public final class SecurityHeaders {

    private static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    /** The policy of our HTML pages: our own script files, nothing inline, nothing from elsewhere. */
    public static final String PAGE_POLICY = POLICY + "; script-src 'self'";

    private SecurityHeaders() {
    }

    /** For every route, mounted first: the headers are set just before the response's headers go out. */
    public static Handler<RoutingContext> handler() {
        return ctx -> {
            ctx.addHeadersEndHandler(v -> apply(ctx.response().headers()));
            ctx.next();
        };
    }

    private static void apply(MultiMap headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "same-origin");
        String type = headers.get("Content-Type");
        if (type != null && type.regionMatches(true, 0, "text/html", 0, 9)) {
            if (!headers.contains("Content-Security-Policy")) {
                headers.set("Content-Security-Policy", POLICY + "; script-src 'none'");
            }
            headers.set("X-Frame-Options", "DENY");
        }
    }

    /** The policy for an HTML page of ours (the same for every page: no inline script is ever allowed). */
    public static String pagePolicy(String html) {
        return PAGE_POLICY;
    }
}
