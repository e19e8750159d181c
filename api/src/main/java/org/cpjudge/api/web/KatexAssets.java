package org.cpjudge.api.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * KaTeX's script, stylesheet, auto-render extension and fonts, served from the WebJar inside our own jar (no CDN:
 * a judge often runs where the contestants have no Internet) under {@code /static/katex/<version>/}. The version
 * is in the path, so browsers may keep the files for good. Only the {@code dist/} files are served, read once.
 */
public final class KatexAssets {

    public static final String VERSION = version();
    public static final String BASE = "/static/katex/" + VERSION + "/";
    public static final String SCRIPT = BASE + "katex.min.js";
    public static final String AUTO_RENDER = BASE + "contrib/auto-render.min.js";
    public static final String STYLESHEET = BASE + "katex.min.css";

    private static final String ROOT = "META-INF/resources/webjars/katex/" + VERSION + "/dist/";
    private static final Pattern NAME = Pattern.compile("((contrib|fonts)/)?[A-Za-z0-9_.-]+\\.(js|css|woff2|woff|ttf)");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "woff2", "font/woff2", "woff", "font/woff", "ttf", "font/ttf");
    private static final Map<String, Buffer> LOADED = new ConcurrentHashMap<>();
    private static final Buffer MISSING = Buffer.buffer();

    private KatexAssets() {
    }

    public static void mount(Router router) {
        router.get(BASE + "*").handler(KatexAssets::serve);
    }

    private static void serve(RoutingContext ctx) {
        String name = ctx.pathParam("*");
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            ctx.next();
            return;
        }
        Buffer bytes = LOADED.computeIfAbsent(name, KatexAssets::load);
        if (bytes == MISSING) {
            ctx.next();
            return;
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        ctx.response().putHeader("Content-Type", TYPES.get(extension))
                .putHeader("Cache-Control", "public, max-age=31536000, immutable").end(bytes);
    }

    private static Buffer load(String name) {
        try (InputStream in = KatexAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? MISSING : Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The WebJar's version, as its Maven metadata records it: the pom names it once. */
    private static String version() {
        try (InputStream in = KatexAssets.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/katex/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the KaTeX WebJar (org.webjars.npm:katex) is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
