package org.cpjudge.api.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headers that keep a browser from misreading what we send: every response is {@code nosniff} and leaks no
 * referrer to other sites; an HTML page also gets a Content-Security-Policy that lets nothing in but our own
 * stylesheet, same-origin fetches and our own script files ({@code /static/js/*}, {@code script-src 'self'}),
 * never {@code 'unsafe-inline'}, and that no other site may frame it. A page that still carries an inline
 * script gets that script allowed by its SHA-256.
 */
public final class SecurityHeaders {

    /** Our pages' scripts have no attributes and cannot hold "&lt;/script" (Scripts escapes '&lt;'). */
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
    private static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

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

    /** The policy for this HTML page: our script files may run, and its inline scripts by hash; nothing else. */
    public static String pagePolicy(String html) {
        Set<String> hashes = new LinkedHashSet<>();
        Matcher m = INLINE_SCRIPT.matcher(html);
        while (m.find()) {
            hashes.add("'sha256-" + sha256(m.group(1)) + "'");
        }
        return POLICY + "; script-src 'self'" + (hashes.isEmpty() ? "" : " " + String.join(" ", hashes));
    }

    private static String sha256(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
