package org.cpjudge.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless chromium, driven from the command line: the DOM it built after running the page's
 * scripts, or a screenshot. Started so that it needs no network beyond loopback (the tests run in a namespace
 * with only loopback) and leaves nothing behind.
 */
final class Chromium {

    private static final long TIMEOUT_SECONDS = 120;

    private Chromium() {
    }

    /** The browser binary: $CHROMIUM, or Debian's chromium. The tests need it (.ci/debian-packages). */
    static Path binary() {
        String configured = System.getenv("CHROMIUM");
        Path path = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("the web page tests need chromium at " + path
                    + " (apt-get install chromium, or set CHROMIUM)");
        }
        return path;
    }

    /** Flags for a quiet, offline, throwaway browser (root needs --no-sandbox). */
    static List<String> command(Path profile, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    /** The page's DOM as serialized by the browser once it loaded (scripts ran). */
    static String dumpDom(String url) throws Exception {
        return run("--dump-dom", url);
    }

    static void screenshot(String url, Path png) throws Exception {
        Files.createDirectories(png.getParent());
        run("--hide-scrollbars", "--window-size=1200,900", "--screenshot=" + png.toAbsolutePath(), url);
    }

    private static String run(String... args) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        try {
            Process p = new ProcessBuilder(command(profile, args)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(p.getInputStream(), out));
            reader.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + List.of(args));
            }
            reader.join();
            assertEquals(0, p.exitValue(), "chromium failed: " + List.of(args));
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            deleteTree(profile);
        }
    }

    static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the process ended; what was read is what there is
        }
    }

    /** Best effort: a browser helper process still exiting may write into its profile meanwhile. */
    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
