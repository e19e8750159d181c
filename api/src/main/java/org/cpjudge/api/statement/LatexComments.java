package org.cpjudge.api.statement;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LaTeX without its comments: a '%' (not written {@code \%}) drops the rest of its line, the line break and the
 * next line's leading blanks, as TeX reads it. Verbatim text keeps its '%'.
 */
final class LatexComments {

    private static final Pattern VERBATIM = Pattern.compile("\\\\begin\\{(verbatim\\*?|lstlisting|minted)}");

    private LatexComments() {
    }

    static String strip(String tex) {
        StringBuilder out = new StringBuilder(tex.length());
        int i = 0;
        while (i < tex.length()) {
            char c = tex.charAt(i);
            if (c == '\\') {
                Matcher m = VERBATIM.matcher(tex).region(i, tex.length());
                if (m.lookingAt()) {
                    String end = "\\end{" + m.group(1) + "}";
                    int close = tex.indexOf(end, m.end());
                    int stop = close < 0 ? tex.length() : close + end.length();
                    out.append(tex, i, stop);
                    i = stop;
                } else if (tex.startsWith("\\verb", i) && i + 6 < tex.length() && !Character.isLetter(tex.charAt(i + 5))) {
                    char delimiter = tex.charAt(i + 5);
                    int close = tex.indexOf(delimiter, i + 6);
                    int stop = close < 0 ? tex.length() : close + 1;
                    out.append(tex, i, stop);
                    i = stop;
                } else {
                    out.append(tex, i, Math.min(i + 2, tex.length()));
                    i += 2;
                }
            } else if (c == '%') {
                int eol = tex.indexOf('\n', i);
                i = eol < 0 ? tex.length() : eol + 1;
                while (i < tex.length() && (tex.charAt(i) == ' ' || tex.charAt(i) == '\t')) {
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
