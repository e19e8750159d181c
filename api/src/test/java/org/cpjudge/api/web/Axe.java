package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * axe-core (Deque's accessibility rules engine) run inside the page the browser shows: its script comes from
 * the org.webjars.npm:axe-core test dependency, so nothing is fetched at run time; it is handed to the page
 * through the DevTools protocol, which the page's Content-Security-Policy does not govern.
 */
final class Axe {

    private static final String SCRIPT = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    /** What the tests refuse: violations axe rates serious or critical. */
    private static final Set<String> REFUSED = Set.of("serious", "critical");
    private static String source;

    private Axe() {
    }

    private static synchronized String source() {
        if (source == null) {
            try (InputStream in = Axe.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException("axe-core is missing from the test classpath: " + SCRIPT);
                }
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }

    /**
     * The serious and critical violations of WCAG 2.x A/AA and axe's best practices on the page now shown, one
     * line each: the rule, its impact and the elements it names. Empty when the page passes.
     */
    static List<String> seriousViolations(DevTools browser) throws Exception {
        if (!"function".equals(browser.evaluate("typeof window.axe === 'object' ? typeof axe.run : 'none'"))) {
            browser.evaluate(source() + "\n;true");
        }
        String json = browser.evaluatePromise("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa',"
                + " 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']})"
                + ".then(function (r) { return JSON.stringify(r.violations); })");
        List<String> out = new ArrayList<>();
        for (Object o : new JsonArray(json)) {
            JsonObject v = (JsonObject) o;
            if (!REFUSED.contains(v.getString("impact"))) {
                continue;
            }
            List<String> targets = new ArrayList<>();
            for (Object n : v.getJsonArray("nodes", new JsonArray())) {
                targets.add(String.valueOf(((JsonObject) n).getValue("target")) + " " + ((JsonObject) n).getString("failureSummary", ""));
            }
            out.add(v.getString("id") + " (" + v.getString("impact") + "): " + v.getString("help") + " " + targets);
        }
        return out;
    }

    /** All violations' rule ids with their impact, serious or not: for a person looking at a report. */
    static String summary(DevTools browser) throws Exception {
        return browser.evaluatePromise("axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + " return r.violations.map(function (v) { return v.id + ':' + v.impact; }).join(', '); })");
    }
}
