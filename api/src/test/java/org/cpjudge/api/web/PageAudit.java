package org.cpjudge.api.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks and pictures of the page a {@link DevTools} browser shows, for the pages' browser tests (axe-core's
 * rules are {@link Axe}'s): whether the page scrolls sideways on a phone-wide screen, and a
 * screenshot saved for a person to look at.
 */
final class PageAudit {

    private PageAudit() {
    }

    /** Opens a page and waits until it is ready to be looked at (each test knows what ready means for its pages). */
    @FunctionalInterface
    interface Loader {
        void load(DevTools browser, String path) throws Exception;
    }

    /**
     * Each page at desktop width checked by axe-core, then again at phone width (390 px) for sideways scrolling:
     * what failed, one line each, named by the page and {@code note} (say " (signed in)").
     */
    static List<String> desktopAndPhone(DevTools browser, List<String> paths, String note, Loader loader)
            throws Exception {
        List<String> failures = new ArrayList<>();
        for (String path : paths) {
            browser.viewport(1200, 900, false);
            loader.load(browser, path);
            for (String v : Axe.seriousViolations(browser)) {
                failures.add(path + note + ": " + v);
            }
            browser.viewport(390, 844, true);
            loader.load(browser, path);
            sideways(browser).ifPresent(widths -> failures.add(path + note + ": scrolls sideways at 390 px: " + widths));
        }
        return failures;
    }

    /** "scrollWidth innerWidth" when the page shown is wider than its window, else empty. */
    static Optional<String> sideways(DevTools browser) throws Exception {
        String widths = browser.evaluate("document.documentElement.scrollWidth + ' ' + window.innerWidth");
        String[] w = widths.split(" ");
        return Integer.parseInt(w[0]) > Integer.parseInt(w[1]) ? Optional.of(widths) : Optional.empty();
    }

    /**
     * The page shown laid out {@code width} pixels wide as a phone: its scroll width and its client width, once
     * the layout took that width. The browser keeps that width afterwards.
     */
    static int[] widthsAt(DevTools browser, int width) throws Exception {
        browser.viewport(width, 844, true);
        browser.await("document.documentElement.clientWidth", w -> w.equals(String.valueOf(width)), width + " px wide");
        // the DOM is there before the stylesheets apply: measure once they are in
        browser.await("document.readyState", "complete"::equals, "the page and its stylesheets loaded");
        String[] widths = browser.evaluate("document.documentElement.scrollWidth + ' ' + document.documentElement.clientWidth")
                .split(" ");
        return new int[] {Integer.parseInt(widths[0]), Integer.parseInt(widths[1])};
    }

    /** The whole page as a PNG in {@code png}. */
    static void save(DevTools browser, Path png) throws Exception {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, browser.screenshot());
    }
}
