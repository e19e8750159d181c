package org.cpjudge.api.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Small formatting for the templates: numbers for table cells, link segments and the CSS classes of titles.
 * These return plain text; the template escapes it where it lands.
 */
public final class Format {

    /** What a cell shows for a value that is not there. */
    public static final String NONE = "–";

    private Format() {
    }

    /** A number for a table cell (12.0 shows as 12), or a dash when there is none. */
    public static String number(Object n) {
        if (n == null) {
            return NONE;
        }
        if (n instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        if (n instanceof Float f && f == Math.rint(f) && !Float.isInfinite(f)) {
            return String.valueOf(f.longValue());
        }
        return String.valueOf(n);
    }

    /** One decimal (a percentile, say), or a dash. */
    public static String oneDecimal(Number n) {
        return n == null ? NONE : String.format(Locale.ROOT, "%.1f", n.doubleValue());
    }

    /** One path segment of a link, percent-encoded. */
    public static String segment(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The CSS class of a Codeforces title given by its display name ("Candidate Master"). */
    public static String titleClass(String title) {
        return Titles.cssClass(title);
    }

    /** The CSS class of the title a rating falls in; plain for a user not rated yet. */
    public static String ratingClass(Integer rating) {
        return Titles.cssClassOfRating(rating);
    }
}
