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

    /** A whole page: head, the site's navigation, then the body given (already HTML). */
    public static String page(String title, String body) {
        return page(title, "", body);
    }

    /** A whole page with extra elements in its head (a refresh for readers without JavaScript, say). */
    public static String page(String title, String head, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + text(title) + " · cpjudge</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + WebRoutes.STYLESHEET + "\">\n" + head
                + "</head>\n<body>\n<header class=\"site\"><nav><a class=\"brand\" href=\"/\">cpjudge</a>"
                + "<a href=\"/\">Contests</a><a href=\"/leaderboard\">Leaderboard</a></nav></header>\n"
                + "<main>\n" + body + "\n</main>\n</body>\n</html>\n";
    }

    /** The page for an id that names nothing. */
    public static String notFound(String what) {
        return page("Not found", "<h1>Not found</h1>\n<p class=\"muted\">" + text(what) + "</p>\n"
                + "<p><a href=\"/\">Back to the contests</a></p>");
    }

    /** The page for a failure of the server itself (logged; the reader is not at fault). */
    public static String databaseUnavailable() {
        return page("Unavailable", "<h1>Back in a moment</h1>\n"
                + "<p class=\"muted\">The database cannot be reached just now; reload this page in a few seconds.</p>");
    }

    public static String serverError() {
        return page("Server error", "<h1>Something went wrong</h1>\n"
                + "<p class=\"muted\">The server failed to build this page; the failure has been logged.</p>");
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
