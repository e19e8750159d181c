package org.cpjudge.api.statement;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where the page finds a picture the statement refers to: a file of the statement folder, served by
 * {@code GET /api/v1/problems/{id}/statement/{file}} under the same access rules as the statement. LaTeX may
 * leave the extension out ({@code \includegraphics{tree}}); the first picture a browser shows is taken.
 */
public final class StatementImages {

    private static final List<String> EXTENSIONS = List.of("svg", "png", "jpg", "jpeg", "gif", "webp");

    private final String baseUrl;
    private final Set<String> files;

    /** @param baseUrl where the statement folder's files are served, ending in '/'; @param files their names */
    public StatementImages(String baseUrl, Set<String> files) {
        this.baseUrl = baseUrl;
        this.files = Set.copyOf(files);
    }

    /** The URL of the picture {@code reference} names, relative to the statement folder; empty if there is none. */
    public Optional<String> url(String reference) {
        String name = reference.strip();
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        if (name.isEmpty() || name.contains("..") || name.startsWith("/") || name.contains(":")) {
            return Optional.empty();
        }
        if (files.contains(name) && picture(name)) {
            return Optional.of(baseUrl + encodePath(name));
        }
        for (String ext : EXTENSIONS) {
            if (files.contains(name + "." + ext)) {
                return Optional.of(baseUrl + encodePath(name + "." + ext));
            }
        }
        return Optional.empty();
    }

    /** Any file of the statement folder (a link to its PDF, say); empty if there is no such file. */
    public Optional<String> file(String reference) {
        String name = reference.strip();
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        return files.contains(name) && !name.contains("..") ? Optional.of(baseUrl + encodePath(name)) : Optional.empty();
    }

    private static boolean picture(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Each path segment percent-encoded as a URL path needs it (spaces and the like in file names). */
    private static String encodePath(String name) {
        StringBuilder out = new StringBuilder();
        for (String segment : name.split("/", -1)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
