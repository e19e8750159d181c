package org.cpjudge.judge.problem.polygon;

import java.util.Locale;
import java.util.Optional;

/**
 * Polygon's source types ({@code cpp.g++17}, {@code java11}, {@code python.3}, ...) as our language ids.
 *
 * <p>A type names a compiler and often a standard; we keep the language and the standard where we offer a
 * choice (C++17 or C++20), and let the toolchain installed here stand in for the exact compiler. Types we have
 * no language for answer empty, and the file name then decides.
 */
public final class PolygonLanguages {

    private PolygonLanguages() {
    }

    public static Optional<String> languageId(String type) {
        if (type == null) {
            return Optional.empty();
        }
        String t = type.toLowerCase(Locale.ROOT).strip();
        if (t.startsWith("cpp.") || t.equals("cpp")) {
            // cpp.g++20, cpp.gcc13-64-winlibs-g++20, cpp.gcc14-64-msys2-g++23, cpp.clang++20: newer than 17
            return Optional.of(t.matches(".*\\+\\+(2\\d|2a|2b).*") ? "cpp20" : "cpp");
        }
        if (t.startsWith("c.") || t.equals("c")) {
            return Optional.of("c");
        }
        if (t.startsWith("java")) {
            return Optional.of("java");
        }
        if (t.startsWith("kotlin")) {
            return Optional.of("kotlin");
        }
        if (t.startsWith("python.pypy3")) {
            return Optional.of("pypy3");
        }
        if (t.equals("python.3") || t.startsWith("python.3")) {
            return Optional.of("python3");
        }
        if (t.startsWith("rust")) {
            return Optional.of("rust");
        }
        if (t.equals("go") || t.startsWith("go.")) {
            return Optional.of("go");
        }
        if (t.startsWith("js") || t.startsWith("javascript") || t.startsWith("node")) {
            return Optional.of("javascript");
        }
        if (t.startsWith("ruby")) {
            return Optional.of("ruby");
        }
        return Optional.empty(); // python.2, csharp.*, pascal.*, ...: by file name, if at all
    }
}
