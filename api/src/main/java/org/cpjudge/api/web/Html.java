package org.cpjudge.api.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The shared pieces of every page: escaping and the layout around a page's body. Every string that came from
 * a user (handles, names, problem names, compiler output) goes through {@link #text} before it reaches HTML.
 */
public final class Html {

    private Html() {
    }

    /** Escapes text for element content and quoted attribute values alike. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** One path segment of a link, percent-encoded (then still escaped where it lands in an attribute). */
    public static String segment(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A handle linking to its profile, colored by its Codeforces title when the title is known. */
    public static String handle(String handle, String title) {
        return "<a class=\"handle " + Titles.cssClass(title) + "\" href=\"/users/" + text(segment(handle)) + "\">"
                + text(handle) + "</a>";
    }

    /** A whole page: the layout template (head, the site's navigation, footer) around the body given (HTML). */
    public static String page(String title, String body) {
        return page(title, "", body);
    }

    /** A whole page with extra elements in its head (a refresh for readers without JavaScript, say). */
    public static String page(String title, String head, String body) {
        return Templates.render("layout.jte", java.util.Map.of("title", title, "content", Templates.trusted(body),
                "head", Templates.trusted(head)));
    }

    /** The page for an id that names nothing. */
    public static String notFound(String what) {
        return message("Not found", "Not found", what);
    }

    /** The page for a failure of the server itself (logged; the reader is not at fault). */
    public static String databaseUnavailable() {
        return message("Unavailable", "Back in a moment",
                "The database cannot be reached just now; reload this page in a few seconds.");
    }

    public static String serverError() {
        return message("Server error", "Something went wrong",
                "The server failed to build this page; the failure has been logged.");
    }

    private static String message(String title, String heading, String text) {
        return Templates.render("message.jte", java.util.Map.of("title", title, "heading", heading, "text", text));
    }

    /** A number for a table cell, or a dash when there is none. */
    public static String number(Object n) {
        if (n == null) {
            return "–";
        }
        if (n instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        if (n instanceof Float f && f == Math.rint(f) && !Float.isInfinite(f)) {
            return String.valueOf(f.longValue());
        }
        return text(n);
    }
}
