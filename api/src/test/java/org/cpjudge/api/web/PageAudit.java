package org.cpjudge.api.web;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks and pictures of the page a {@link DevTools} browser shows, for the AI pages' and the jury desk's tests
 * (axe-core's rules are {@link Axe}'s): whether the page scrolls sideways on a phone-wide screen, and a
 * screenshot saved for a person to look at.
 */
final class PageAudit {

    private PageAudit() {
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
