package org.cpjudge.api.web;

import gg.jte.Content;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The page templates ({@code api/src/main/jte/*.jte}), compiled to Java classes at build time by
 * jte-maven-plugin's {@code generate} goal; output is HTML, so every {@code ${...}} is escaped for where it
 * lands (element text, attribute value). Nothing is compiled at run time.
 */
public final class Templates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Templates() {
    }

    /** Renders {@code name} (say "leaderboard.jte") with its parameters by name. */
    public static String render(String name, Map<String, Object> params) {
        StringOutput out = new StringOutput(8 * 1024);
        ENGINE.render(name, params, out);
        return out.toString();
    }

    /** Renders a template that takes a single parameter. */
    public static String render(String name, Object param) {
        StringOutput out = new StringOutput(8 * 1024);
        ENGINE.render(name, param, out);
        return out.toString();
    }

    /** HTML already built and escaped elsewhere, passed to a template as content as it is. */
    public static Content trusted(String html) {
        return output -> output.writeContent(html);
    }
}
