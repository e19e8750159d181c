package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks on the page a {@link DevTools} browser shows: axe-core's accessibility rules (the WebJar on the test
 * classpath, injected into the page, so no network), and whether the page scrolls sideways on a phone-wide
 * screen.
 */
final class PageAudit {

    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static String axeSource;

    private PageAudit() {
    }

    private static synchronized String axe() {
        if (axeSource == null) {
            try (InputStream in = PageAudit.class.getResourceAsStream(AXE)) {
                if (in == null) {
                    throw new IllegalStateException("axe-core is not on the test classpath: " + AXE);
                }
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeSource;
    }

    /** axe-core's serious and critical violations on the page as it stands: "rule: where" for each. */
    static List<String> seriousViolations(DevTools browser) throws Exception {
        browser.evaluate(axe() + "\n'axe loaded'");
        browser.evaluate("window.__axe = null; axe.run(document).then(function (r) { window.__axe = JSON.stringify("
                + "r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + ".map(function (v) { return {id: v.id, nodes: v.nodes.map(function (n) { return n.target.join(' '); })}; })); });"
                + " 'started'");
        String report = browser.await("window.__axe", r -> true, "axe-core's report");
        List<String> violations = new ArrayList<>();
        for (Object o : new JsonArray(report)) {
            JsonObject v = (JsonObject) o;
            violations.add(v.getString("id") + ": " + v.getJsonArray("nodes").encode());
        }
        return violations;
    }

    /**
     * Whether the page shown scrolls sideways when laid out {@code width} pixels wide: its scroll width and its
     * client width, after the layout settled. The browser keeps that width afterwards.
     */
    static int[] widthsAt(DevTools browser, int width) throws Exception {
        browser.viewport(width, 844);
        browser.await("document.documentElement.clientWidth", w -> w.equals(String.valueOf(width)), width + " px wide");
        String[] widths = browser.evaluate("document.documentElement.scrollWidth + ' ' + document.documentElement.clientWidth")
                .split(" ");
        return new int[] {Integer.parseInt(widths[0]), Integer.parseInt(widths[1])};
    }
}
