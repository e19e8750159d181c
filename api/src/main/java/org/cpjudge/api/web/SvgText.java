package org.cpjudge.api.web;

import gg.jte.html.escape.Escape;
import gg.jte.output.StringOutput;

/**
 * Free text (contest ids, model names) placed in an SVG the server draws itself: escaped by JTE's own escaper,
 * exactly as a template would escape it where it lands.
 */
final class SvgText {

    private SvgText() {
    }

    /** For an element's content. */
    static String text(String value) {
        StringOutput out = new StringOutput();
        Escape.htmlContent(value, out);
        return out.toString();
    }

    /** For an attribute's value. */
    static String attribute(String value) {
        StringOutput out = new StringOutput();
        Escape.htmlAttribute(value, out);
        return out.toString();
    }
}
