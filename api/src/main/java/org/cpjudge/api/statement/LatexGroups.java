package org.cpjudge.api.statement;

import java.util.ArrayList;
import java.util.List;

/** Finding the ends of LaTeX's groups, options and environments, and splitting at top-level separators. */
final class LatexGroups {

    /** Arguments read off the front of some text, and what follows them. */
    record Args(List<String> values, String remainder) {
        /** The first value, or null when none was there. */
        String value() {
            return values.isEmpty() ? null : values.get(0);
        }
    }

    private LatexGroups() {
    }

    /** The index of the '}' closing the '{' at {@code open}, or -1. */
    static int closingBrace(String s, int open) {
        int depth = 0;
        for (int j = open; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    /** The index of the ']' closing the '[' at {@code open} (braces inside it nest), or -1. */
    static int closingBracket(String s, int open) {
        int depth = 0;
        for (int j = open + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ']' && depth <= 0) {
                return j;
            }
        }
        return -1;
    }

    /** Where the {@code \end{name}} that closes an environment whose body starts at {@code from} is, or -1. */
    static int environmentEnd(String s, int from, String name) {
        String begin = "\\begin{" + name + "}";
        String end = "\\end{" + name + "}";
        int depth = 1;
        int j = from;
        while (j < s.length()) {
            int nextBegin = s.indexOf(begin, j);
            int nextEnd = s.indexOf(end, j);
            if (nextEnd < 0) {
                return -1;
            }
            if (nextBegin >= 0 && nextBegin < nextEnd) {
                depth++;
                j = nextBegin + begin.length();
            } else {
                if (--depth == 0) {
                    return nextEnd;
                }
                j = nextEnd + end.length();
            }
        }
        return -1;
    }

    /**
     * The text split at each {@code separator} that is outside braces, nested environments and math; a
     * separator that is a command word ({@code \item}) does not match a longer word ({@code \itemsep}), and
     * {@code &} does not match {@code \&}.
     */
    static List<String> split(String s, String separator) {
        List<String> parts = new ArrayList<>();
        boolean word = separator.length() > 1 && Character.isLetter(separator.charAt(separator.length() - 1));
        int braces = 0;
        int environments = 0;
        boolean math = false;
        int start = 0;
        int j = 0;
        while (j < s.length()) {
            if (braces == 0 && environments == 0 && !math && s.startsWith(separator, j)
                    && !(word && j + separator.length() < s.length() && Character.isLetter(s.charAt(j + separator.length())))) {
                parts.add(s.substring(start, j));
                j += separator.length();
                start = j;
                continue;
            }
            char c = s.charAt(j);
            if (c == '\\') {
                if (s.startsWith("\\begin{", j)) {
                    environments++;
                } else if (s.startsWith("\\end{", j)) {
                    environments--;
                }
                j += 2;
                continue;
            }
            if (c == '{') {
                braces++;
            } else if (c == '}') {
                braces--;
            } else if (c == '$') {
                math = !math;
            }
            j++;
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** Up to {@code n} braced arguments at the front of the text (blanks between them skipped). */
    static Args leadingArguments(String s, int n) {
        List<String> values = new ArrayList<>();
        int j = 0;
        while (values.size() < n) {
            int k = skipBlanks(s, j);
            if (k >= s.length() || s.charAt(k) != '{') {
                break;
            }
            int close = closingBrace(s, k);
            if (close < 0) {
                break;
            }
            values.add(s.substring(k + 1, close));
            j = close + 1;
        }
        return new Args(values, s.substring(j));
    }

    /** A {@code [...]} option at the front of the text, if there is one. */
    static Args optionalArgument(String s) {
        int k = skipBlanks(s, 0);
        if (k < s.length() && s.charAt(k) == '[') {
            int close = closingBracket(s, k);
            if (close > 0) {
                return new Args(List.of(s.substring(k + 1, close)), s.substring(close + 1));
            }
        }
        return new Args(List.of(), s);
    }

    private static int skipBlanks(String s, int from) {
        int k = from;
        while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
            k++;
        }
        return k;
    }
}
