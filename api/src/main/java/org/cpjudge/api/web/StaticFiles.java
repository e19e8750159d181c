package org.cpjudge.api.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code GET /static/*}: the pages' stylesheet and scripts, files in the jar under {@code web/}. Each is read
 * once and kept; browsers keep it for a while and revalidate by its ETag (a hash of its bytes), so a new
 * release is picked up within the max-age and costs a 304 otherwise.
 */
final class StaticFiles {

    static final String PREFIX = "/static/";
    /** A name under web/: lower-case letters, digits, '-', '_', '.' and folders; never "..". */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*\\.[a-z0-9]+");
    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
            "woff2", "font/woff2", "json", "application/json");
    private static final String CACHE = "public, max-age=600";

    private final Map<String, Optional<File>> files = new ConcurrentHashMap<>();

    private record File(Buffer bytes, String type, String etag) {
    }

    void handle(RoutingContext ctx) {
        String name = ctx.request().path().substring(PREFIX.length());
        Optional<File> file = NAME.matcher(name).matches() ? files.computeIfAbsent(name, StaticFiles::load)
                : Optional.empty();
        if (file.isEmpty()) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end("{\"error\":{\"code\":\"not_found\",\"message\":\"no such file\"}}");
            return;
        }
        File f = file.get();
        ctx.response().putHeader("Cache-Control", CACHE).putHeader("ETag", f.etag());
        if (f.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        ctx.response().putHeader("Content-Type", f.type()).end(f.bytes());
    }

    private static Optional<File> load(String name) {
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = StaticFiles.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + "\"";
            return Optional.of(new File(Buffer.buffer(bytes), type, etag));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
