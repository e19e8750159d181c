package org.cpjudge.api.statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes the math out of Markdown before commonmark sees it, so that {@code $a_1 * b_2$} is not read as emphasis
 * and {@code $$\{x\}$$} keeps its backslashes: each {@code $...$} and {@code $$...$$} becomes a placeholder of
 * private-use characters that Markdown leaves alone, and {@link #restore} puts the math back into the HTML.
 * Code spans and fenced code keep their dollars. An inline {@code $} opens math only before a non-space and
 * closes it only after a non-space and not before a digit (so "$5 and $6" stays text), within one paragraph.
 */
final class MathExtraction {

    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';

    private final List<MathSpan> spans = new ArrayList<>();
    private final String protectedText;

    MathExtraction(String markdown) {
        String text = markdown.replace("\r\n", "\n").replace(OPEN, ' ').replace(CLOSE, ' ');
        StringBuilder out = new StringBuilder(text.length());
        String[] lines = text.split("\n", -1);
        StringBuilder prose = new StringBuilder();
        String fence = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String newline = i + 1 < lines.length ? "\n" : "";
            String stripped = line.stripLeading();
            boolean indentedLittle = line.length() - stripped.length() <= 3;
            if (fence == null && indentedLittle && (stripped.startsWith("```") || stripped.startsWith("~~~"))) {
                out.append(protect(prose.toString()));
                prose.setLength(0);
                fence = stripped.substring(0, fenceLength(stripped));
                out.append(line).append(newline);
            } else if (fence != null) {
                out.append(line).append(newline);
                if (indentedLittle && stripped.startsWith(fence) && stripped.substring(fenceLength(stripped)).isBlank()) {
                    fence = null;
                }
            } else {
                prose.append(line).append(newline);
            }
        }
        out.append(protect(prose.toString()));
        this.protectedText = out.toString();
    }

    /** The Markdown with each piece of math replaced by its placeholder. */
    String text() {
        return protectedText;
    }

    /**
     * The rendered HTML with the math back: as a {@link MathSpan} element in text, as its plain TeX inside a
     * tag (an image's alt text). commonmark escapes '<' and '>' everywhere but in its own tags, so a '<' starts
     * a tag and the next '>' ends it.
     */
    String restore(String html) {
        StringBuilder out = new StringBuilder(html.length());
        boolean inTag = false;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == OPEN) {
                int end = html.indexOf(CLOSE, i);
                if (end > i) {
                    MathSpan span = spans.get(Integer.parseInt(html.substring(i + 1, end)));
                    if (inTag) {
                        HtmlText.escapeInto(out, span.display() ? "$$" + span.tex() + "$$" : "$" + span.tex() + "$");
                    } else {
                        out.append(span.html());
                    }
                    i = end;
                    continue;
                }
            }
            if (c == '<') {
                inTag = true;
            } else if (c == '>') {
                inTag = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static int fenceLength(String stripped) {
        char c = stripped.charAt(0);
        int n = 0;
        while (n < stripped.length() && stripped.charAt(n) == c) {
            n++;
        }
        return n;
    }

    /** Prose outside fenced code: code spans copied as they are, math replaced. */
    private String protect(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                out.append(c).append(text.charAt(i + 1));
                i += 2;
            } else if (c == '`') {
                int run = run(text, i, '`');
                int close = closingRun(text, i + run, run);
                int end = close < 0 ? i + run : close + run;
                out.append(text, i, end);
                i = end;
            } else if (c == '$' && text.startsWith("$$", i)) {
                int close = text.indexOf("$$", i + 2);
                if (close < 0 || text.substring(i + 2, close).isBlank()) {
                    out.append("$$");
                    i += 2;
                } else {
                    placeholder(out, new MathSpan(text.substring(i + 2, close).strip(), true));
                    i = close + 2;
                }
            } else if (c == '$') {
                int close = inlineClose(text, i);
                if (close < 0) {
                    out.append(c);
                    i++;
                } else {
                    placeholder(out, new MathSpan(text.substring(i + 1, close), false));
                    i = close + 1;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private void placeholder(StringBuilder out, MathSpan span) {
        out.append(OPEN).append(spans.size()).append(CLOSE);
        spans.add(span);
    }

    /** Where the inline math opened at {@code open} closes, or -1: never past a blank line. */
    private static int inlineClose(String text, int open) {
        if (open + 1 >= text.length() || Character.isWhitespace(text.charAt(open + 1))) {
            return -1;
        }
        for (int j = open + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '\n' && blankLineAt(text, j + 1)) {
                return -1;
            } else if (c == '$') {
                boolean afterSpace = Character.isWhitespace(text.charAt(j - 1));
                boolean beforeDigit = j + 1 < text.length() && Character.isDigit(text.charAt(j + 1));
                if (!afterSpace && !beforeDigit) {
                    return j;
                }
                if (!afterSpace) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Whether the line starting at {@code from} is blank: a paragraph ends there. */
    private static boolean blankLineAt(String text, int from) {
        int j = from;
        while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
            j++;
        }
        return j >= text.length() || text.charAt(j) == '\n' || text.charAt(j) == '\r';
    }

    private static int run(String text, int from, char c) {
        int n = 0;
        while (from + n < text.length() && text.charAt(from + n) == c) {
            n++;
        }
        return n;
    }

    /** The start of the next run of exactly {@code length} backticks after {@code from}, or -1. */
    private static int closingRun(String text, int from, int length) {
        int i = from;
        while (i < text.length()) {
            if (text.charAt(i) == '`') {
                int n = run(text, i, '`');
                if (n == length) {
                    return i;
                }
                i += n;
            } else {
                i++;
            }
        }
        return -1;
    }
}
