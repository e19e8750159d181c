package org.cpjudge.api.statement;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One pass over LaTeX (comments already gone) writing HTML. Text is escaped character by character; every tag in
 * the output is one this class writes. In block mode text is set in paragraphs (a blank line ends one) and
 * sections, lists, tables and figures stand between them; otherwise (a list item, a table cell, a command's
 * argument) text runs on without paragraphs. Environments and arguments are converted by a converter of their own
 * over their text.
 */
final class LatexConverter {

    /** The problem's name, as the first {@code \problemname} (or Polygon {@code \begin{problem}}) gives it. */
    static final class Title {
        private String text;

        void offer(String title) {
            if (text == null && !title.isBlank()) {
                text = title.strip();
            }
        }
    }

    private static final Map<String, String> SECTIONS = Map.of("section", "h2", "subsection", "h3",
            "subsubsection", "h4");
    private static final Map<String, String> STYLES = Map.of("emph", "em", "textit", "em", "textsl", "em",
            "textbf", "strong", "texttt", "code", "underline", "u", "uline", "u");
    private static final Set<String> PLAIN = Set.of("textsc", "textrm", "textsf", "textup", "textnormal", "textmd",
            "mbox", "hbox", "text", "makebox", "fbox", "framebox");
    /** Layout and font switches that mean nothing on the page; their arguments, if any, go too. */
    private static final Map<String, Integer> IGNORED = Map.ofEntries(Map.entry("noindent", 0), Map.entry("indent", 0),
            Map.entry("centering", 0), Map.entry("raggedright", 0), Map.entry("raggedleft", 0), Map.entry("medskip", 0),
            Map.entry("bigskip", 0), Map.entry("smallskip", 0), Map.entry("clearpage", 0), Map.entry("newpage", 0),
            Map.entry("pagebreak", 0), Map.entry("nopagebreak", 0), Map.entry("bf", 0), Map.entry("it", 0),
            Map.entry("tt", 0), Map.entry("rm", 0), Map.entry("sf", 0), Map.entry("sc", 0), Map.entry("em", 0),
            Map.entry("small", 0), Map.entry("large", 0), Map.entry("Large", 0), Map.entry("LARGE", 0),
            Map.entry("huge", 0), Map.entry("Huge", 0), Map.entry("footnotesize", 0), Map.entry("scriptsize", 0),
            Map.entry("tiny", 0), Map.entry("normalsize", 0), Map.entry("hfill", 0), Map.entry("vfill", 0),
            Map.entry("protect", 0), Map.entry("relax", 0), Map.entry("maketitle", 0), Map.entry("nextsample", 0),
            Map.entry("remainingsamples", 0), Map.entry("hline", 0), Map.entry("Examples", 0), Map.entry("Example", 0),
            Map.entry("vspace", 1), Map.entry("hspace", 1), Map.entry("label", 1), Map.entry("usepackage", 1),
            Map.entry("documentclass", 1), Map.entry("setlength", 2), Map.entry("addtolength", 2),
            Map.entry("exmp", 2), Map.entry("exmpfile", 2), Map.entry("sampletable", 4));
    /** Polygon's section commands. */
    private static final Map<String, String> POLYGON_SECTIONS = Map.of("InputFile", "Input", "OutputFile", "Output",
            "Note", "Note", "Notes", "Notes", "Interaction", "Interaction", "Scoring", "Scoring");
    private static final Map<String, String> SYMBOLS = Map.ofEntries(Map.entry("ldots", "…"), Map.entry("dots", "…"),
            Map.entry("cdots", "⋯"), Map.entry("LaTeX", "LaTeX"), Map.entry("TeX", "TeX"),
            Map.entry("textbackslash", "\\"), Map.entry("textasciitilde", "~"), Map.entry("textasciicircum", "^"),
            Map.entry("textless", "<"), Map.entry("textgreater", ">"), Map.entry("textbar", "|"),
            Map.entry("textendash", "–"), Map.entry("textemdash", "—"), Map.entry("S", "§"),
            Map.entry("copyright", "©"), Map.entry("ss", "ß"), Map.entry("quad", "\u2003"),
            Map.entry("qquad", "\u2003\u2003"), Map.entry("textquotedblleft", "“"), Map.entry("textquotedblright", "”"),
            Map.entry("i", "ı"), Map.entry("o", "ø"), Map.entry("O", "Ø"), Map.entry("aa", "å"), Map.entry("AA", "Å"),
            Map.entry("ae", "æ"), Map.entry("AE", "Æ"), Map.entry("l", "ł"), Map.entry("L", "Ł"),
            Map.entry("textdegree", "°"), Map.entry("euro", "€"));
    /** Accents as combining characters: {@code \'e} is e and U+0301, composed to é. */
    private static final Map<String, Character> ACCENTS = Map.ofEntries(Map.entry("'", '\u0301'),
            Map.entry("`", '\u0300'), Map.entry("^", '\u0302'), Map.entry("\"", '\u0308'), Map.entry("~", '\u0303'),
            Map.entry("=", '\u0304'), Map.entry(".", '\u0307'), Map.entry("c", '\u0327'), Map.entry("v", '\u030C'),
            Map.entry("r", '\u030A'), Map.entry("H", '\u030B'), Map.entry("u", '\u0306'), Map.entry("k", '\u0328'));
    private static final Set<String> DISPLAY_MATH = Set.of("equation", "equation*", "displaymath", "math");
    private static final Set<String> DISPLAY_MATH_KEPT = Set.of("align", "align*", "gather", "gather*", "multline",
            "multline*", "eqnarray", "eqnarray*", "alignat", "alignat*", "flalign", "flalign*");
    private static final Set<String> VERBATIM = Set.of("verbatim", "verbatim*", "lstlisting", "minted");
    private static final Set<String> NOT_SHOWN = Set.of("tikzpicture", "picture", "comment");

    private final String s;
    private final StatementImages images;
    private final boolean block;
    private final Title title;
    private final StringBuilder out = new StringBuilder();
    private int i;
    private boolean paragraph;

    LatexConverter(String tex, StatementImages images, boolean block, Title title) {
        this.s = tex;
        this.images = images;
        this.block = block;
        this.title = title;
    }

    String run() {
        while (i < s.length()) {
            step();
        }
        closeParagraph();
        return out.toString().strip();
    }

    Optional<String> title() {
        return Optional.ofNullable(title.text);
    }

    private void step() {
        char c = s.charAt(i);
        switch (c) {
            case '\\' -> command();
            case '$' -> dollarMath();
            case '{', '}' -> i++;
            case '~' -> {
                inline("\u00a0");
                i++;
            }
            case '\n' -> newline();
            case '-' -> {
                if (s.startsWith("---", i)) {
                    inline("—");
                    i += 3;
                } else if (s.startsWith("--", i)) {
                    inline("–");
                    i += 2;
                } else {
                    inline("-");
                    i++;
                }
            }
            case '`' -> quote("``", "“", "‘");
            case '\'' -> quote("''", "”", "’");
            default -> {
                if (Character.isWhitespace(c)) {
                    space();
                } else {
                    inlineText(String.valueOf(c));
                }
                i++;
            }
        }
    }

    private void quote(String pair, String doubled, String single) {
        if (s.startsWith(pair, i)) {
            inline(doubled);
            i += 2;
        } else {
            inline(single);
            i++;
        }
    }

    /** A line break is a space; a blank line ends the paragraph. */
    private void newline() {
        int j = i + 1;
        boolean blank = false;
        while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
            if (s.charAt(j) == '\n') {
                blank = true;
            }
            j++;
        }
        i = j;
        if (blank && block) {
            closeParagraph();
        } else {
            space();
        }
    }

    private void space() {
        if (paragraph || !block) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }
    }

    // ---- commands

    private void command() {
        i++;
        if (i >= s.length()) {
            return;
        }
        char first = s.charAt(i);
        if (!Character.isLetter(first)) {
            i++;
            symbolCommand(first);
            return;
        }
        int start = i;
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
            i++;
        }
        String name = s.substring(start, i);
        boolean starred = i < s.length() && s.charAt(i) == '*';
        if (starred && (SECTIONS.containsKey(name) || name.equals("vspace") || name.equals("hspace"))) {
            i++;
        }
        namedCommand(name);
    }

    private void symbolCommand(char c) {
        switch (c) {
            case '\\' -> {
                optional();
                inline("<br>");
            }
            case '%', '$', '&', '#', '_', '{', '}' -> inlineText(String.valueOf(c));
            case ' ' -> inline(" ");
            case ',' -> inline("\u2009");
            case ';', ':', '>' -> inline(" ");
            case '!', '-', '/', '@' -> {
            }
            case '(' -> delimitedMath("\\)", false);
            case '[' -> delimitedMath("\\]", true);
            default -> {
                Character accent = ACCENTS.get(String.valueOf(c));
                if (accent != null) {
                    accented(accent);
                } else {
                    inlineText("\\" + c);
                }
            }
        }
    }

    private void namedCommand(String name) {
        if (ACCENTS.containsKey(name) && name.length() == 1 && i < s.length()
                && (s.charAt(i) == '{' || s.charAt(i) == ' ')) {
            accented(ACCENTS.get(name));
            return;
        }
        if (SECTIONS.containsKey(name)) {
            optional();
            heading(SECTIONS.get(name), argument());
            return;
        }
        if (STYLES.containsKey(name)) {
            String tag = STYLES.get(name);
            inline("<" + tag + ">" + inlineHtml(argument()) + "</" + tag + ">");
            return;
        }
        if (PLAIN.contains(name)) {
            if (name.equals("makebox") || name.equals("framebox")) {
                optional();
                optional();
            }
            inline(inlineHtml(argument()));
            return;
        }
        if (IGNORED.containsKey(name)) {
            for (int n = IGNORED.get(name); n > 0; n--) {
                optional();
                argument();
            }
            return;
        }
        if (POLYGON_SECTIONS.containsKey(name)) {
            heading("h2", POLYGON_SECTIONS.get(name));
            return;
        }
        if (SYMBOLS.containsKey(name)) {
            inlineText(SYMBOLS.get(name));
            skipCommandSpace();
            return;
        }
        switch (name) {
            case "problemname" -> {
                optional();
                title.offer(plain(argument()));
            }
            case "paragraph", "subparagraph" -> inline("<strong>" + inlineHtml(argument()) + "</strong> ");
            case "url" -> link(argument(), null);
            case "href" -> {
                String url = argument();
                link(url, argument());
            }
            case "includegraphics" -> {
                optional();
                image(argument(), "");
            }
            case "illustration" -> illustration();
            case "caption" -> {
                optional();
                String caption = inlineHtml(argument());
                closeParagraph();
                while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
                    out.setLength(out.length() - 1);
                }
                out.append("<figcaption>").append(caption).append("</figcaption>");
            }
            case "ref", "eqref", "cite", "pageref" -> inlineText(plain(argument()));
            case "footnote" -> inline(" (" + inlineHtml(argument()) + ")");
            case "verb" -> verb();
            case "newline", "linebreak" -> inline("<br>");
            case "par" -> closeParagraph();
            case "item" -> {
                String label = optional();
                inline(label == null ? "• " : inlineHtml(label) + " ");
            }
            case "begin" -> environment(argument());
            case "end" -> argument();
            case "newcommand", "renewcommand", "providecommand", "newenvironment", "renewenvironment" -> definition(name);
            case "def", "gdef", "edef" -> {
                // never executed: the name, its parameter text and its body are dropped
                while (i < s.length() && s.charAt(i) != '{') {
                    i++;
                }
                argument();
            }
            default -> inlineText("\\" + name);
        }
    }

    /** After a command word, TeX eats the blanks before the next word. */
    private void skipCommandSpace() {
        if (i < s.length() && s.startsWith("{}", i)) {
            i += 2;
            return;
        }
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
    }

    private void accented(char combining) {
        String base = argument();
        String letter = base.isEmpty() ? " " : base;
        inlineText(Normalizer.normalize(letter + combining, Normalizer.Form.NFC));
    }

    /** {@code \newcommand{\name}[n][default]{body}} and the environment forms: dropped, never executed. */
    private void definition(String name) {
        if (i < s.length() && s.charAt(i) == '*') {
            i++;
        }
        argument();
        optional();
        optional();
        argument();
        if (name.endsWith("environment")) {
            argument();
        }
    }

    private void verb() {
        if (i >= s.length()) {
            return;
        }
        if (s.charAt(i) == '*') {
            i++;
        }
        if (i >= s.length()) {
            return;
        }
        char delimiter = s.charAt(i);
        int close = s.indexOf(delimiter, i + 1);
        int end = close < 0 ? s.length() : close;
        inline("<code>" + HtmlText.escape(s.substring(i + 1, end)) + "</code>");
        i = Math.min(s.length(), end + 1);
    }

    private void heading(String tag, String tex) {
        closeParagraph();
        out.append('<').append(tag).append('>').append(block ? inlineHtml(tex) : HtmlText.escape(tex)).append("</")
                .append(tag).append(">\n");
    }

    /** Only web and mail addresses become links; anything else ({@code javascript:}) stays text. */
    private void link(String url, String textTex) {
        String target = url.strip().replace("\\%", "%").replace("\\#", "#").replace("\\_", "_").replace("\\&", "&");
        String text = textTex == null ? HtmlText.escape(target) : inlineHtml(textTex);
        String lower = target.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:")) {
            inline("<a href=\"" + HtmlText.escape(target) + "\">" + text + "</a>");
        } else {
            inline(text);
        }
    }

    private void image(String reference, String alt) {
        inline(imageHtml(reference, alt));
    }

    private String imageHtml(String reference, String alt) {
        Optional<String> url = images.url(reference);
        if (url.isPresent()) {
            return "<img src=\"" + HtmlText.escape(url.get()) + "\" alt=\"" + HtmlText.escape(alt) + "\">";
        }
        return "<span class=\"missing-figure\">[figure " + HtmlText.escape(reference.strip()) + "]</span>";
    }

    /** problemtools' {@code \illustration{width}{file}{caption}}: a picture beside the text, with its caption. */
    private void illustration() {
        argument();
        String file = argument();
        String caption = argument();
        closeParagraph();
        out.append("<figure class=\"illustration\">").append(imageHtml(file, plain(caption)));
        out.append("<figcaption>").append(inlineHtml(caption)).append("</figcaption></figure>\n");
    }

    // ---- math

    private void dollarMath() {
        boolean display = s.startsWith("$$", i);
        String delimiter = display ? "$$" : "$";
        int from = i + delimiter.length();
        int close = unescaped(delimiter, from);
        if (close < 0) {
            inlineText(delimiter);
            i = from;
            return;
        }
        inline(new MathSpan(s.substring(from, close).strip(), display).html());
        i = close + delimiter.length();
    }

    private void delimitedMath(String closing, boolean display) {
        int close = s.indexOf(closing, i);
        int end = close < 0 ? s.length() : close;
        inline(new MathSpan(s.substring(i, end).strip(), display).html());
        i = close < 0 ? s.length() : close + closing.length();
    }

    /** The next {@code delimiter} from {@code from} that no backslash escapes, or -1. */
    private int unescaped(String delimiter, int from) {
        for (int j = from; j < s.length(); j++) {
            if (s.charAt(j) == '\\') {
                j++;
            } else if (s.startsWith(delimiter, j)) {
                return j;
            }
        }
        return -1;
    }

    // ---- environments

    private void environment(String name) {
        String env = name.strip();
        int end = LatexGroups.environmentEnd(s, i, env);
        String body = s.substring(i, end < 0 ? s.length() : end);
        i = end < 0 ? s.length() : end + ("\\end{" + env + "}").length();
        if (VERBATIM.contains(env)) {
            closeParagraph();
            String text = body;
            if (env.equals("minted") || env.equals("lstlisting")) {
                LatexGroups.Args rest = LatexGroups.leadingArguments(text, env.equals("minted") ? 1 : 0);
                text = rest.remainder();
            }
            out.append("<pre>").append(HtmlText.escape(text.replaceFirst("^\n", ""))).append("</pre>\n");
        } else if (DISPLAY_MATH.contains(env)) {
            inline(new MathSpan(body.strip(), true).html());
        } else if (DISPLAY_MATH_KEPT.contains(env)) {
            inline(new MathSpan("\\begin{" + env + "}" + body + "\\end{" + env + "}", true).html());
        } else if (NOT_SHOWN.contains(env)) {
            inline(env.equals("comment") ? "" : "<span class=\"missing-figure\">[picture]</span>");
        } else {
            structure(env, body);
        }
    }

    private void structure(String env, String body) {
        switch (env) {
            case "itemize", "enumerate" -> {
                closeParagraph();
                String tag = env.equals("itemize") ? "ul" : "ol";
                out.append('<').append(tag).append(">\n");
                for (String item : items(body)) {
                    LatexGroups.Args label = LatexGroups.optionalArgument(item);
                    String text = label.value() == null ? item : label.value() + " " + label.remainder();
                    out.append("<li>").append(nested(text, false)).append("</li>\n");
                }
                out.append("</").append(tag).append(">\n");
            }
            case "description" -> {
                closeParagraph();
                out.append("<dl>\n");
                for (String item : items(body)) {
                    LatexGroups.Args label = LatexGroups.optionalArgument(item);
                    out.append("<dt>").append(label.value() == null ? "" : nested(label.value(), false))
                            .append("</dt><dd>").append(nested(label.remainder(), false)).append("</dd>\n");
                }
                out.append("</dl>\n");
            }
            case "tabular", "tabular*", "tabularx", "array" -> table(body, env.equals("tabular") || env.equals("array") ? 1 : 2);
            case "figure", "figure*", "wrapfigure", "table", "table*" -> {
                closeParagraph();
                LatexGroups.Args args = LatexGroups.optionalArgument(body);
                String inside = env.equals("wrapfigure") ? LatexGroups.leadingArguments(args.remainder(), 2).remainder()
                        : args.remainder();
                out.append("<figure>").append(nested(inside, false)).append("</figure>\n");
            }
            case "center", "flushleft", "flushright" -> {
                closeParagraph();
                out.append("<div class=\"").append(env).append("\">").append(nested(body, true)).append("</div>\n");
            }
            case "quote", "quotation" -> {
                closeParagraph();
                out.append("<blockquote>").append(nested(body, true)).append("</blockquote>\n");
            }
            case "minipage" -> {
                LatexGroups.Args args = LatexGroups.optionalArgument(body);
                closeParagraph();
                out.append("<div>").append(nested(LatexGroups.leadingArguments(args.remainder(), 1).remainder(), true))
                        .append("</div>\n");
            }
            case "problem" -> {
                // Polygon: \begin{problem}{name}{input file}{output file}{time limit}{memory limit}
                LatexGroups.Args args = LatexGroups.leadingArguments(body, 5);
                if (!args.values().isEmpty()) {
                    title.offer(plain(args.values().get(0)));
                }
                closeParagraph();
                out.append(nested(args.remainder(), block)).append('\n');
            }
            default -> {
                // an environment we do not know: its text, as text
                if (block) {
                    closeParagraph();
                    out.append(nested(body, true)).append('\n');
                } else {
                    inline(nested(body, false));
                }
            }
        }
    }

    private List<String> items(String body) {
        List<String> parts = LatexGroups.split(body, "\\item");
        List<String> items = new ArrayList<>();
        for (int k = 1; k < parts.size(); k++) {
            items.add(parts.get(k));
        }
        return items;
    }

    /** Rows split at {@code \\}, cells at {@code &}; rules ({@code \hline}) dropped; {@code \multicolumn} spans. */
    private void table(String body, int specArguments) {
        closeParagraph();
        String rows = LatexGroups.leadingArguments(LatexGroups.optionalArgument(body).remainder(), specArguments)
                .remainder();
        out.append("<div class=\"table-wrap\"><table class=\"tabular\">\n");
        for (String row : LatexGroups.split(rows, "\\\\")) {
            String clean = LatexGroups.optionalArgument(row).remainder()
                    .replaceAll("\\\\(hline|toprule|midrule|bottomrule)", "")
                    .replaceAll("\\\\cline\\{[^}]*}", "");
            if (clean.isBlank()) {
                continue;
            }
            out.append("<tr>");
            for (String cell : LatexGroups.split(clean, "&")) {
                String trimmed = cell.strip();
                if (trimmed.startsWith("\\multicolumn")) {
                    LatexGroups.Args span = LatexGroups.leadingArguments(trimmed.substring("\\multicolumn".length()), 3);
                    if (span.values().size() == 3) {
                        out.append("<td colspan=\"").append(columns(span.values().get(0))).append("\">")
                                .append(nested(span.values().get(2), false)).append("</td>");
                        continue;
                    }
                }
                out.append("<td>").append(nested(trimmed, false)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table></div>\n");
    }

    private static int columns(String text) {
        try {
            return Math.max(1, Math.min(100, Integer.parseInt(text.strip())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    // ---- arguments and output

    /** The next argument: a braced group's text, a command word, or one character; "" at the end. */
    private String argument() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i >= s.length()) {
            return "";
        }
        char c = s.charAt(i);
        if (c == '{') {
            int close = LatexGroups.closingBrace(s, i);
            String value = s.substring(i + 1, close < 0 ? s.length() : close);
            i = close < 0 ? s.length() : close + 1;
            return value;
        }
        if (c == '\\') {
            int start = i++;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            if (i == start + 1 && i < s.length()) {
                i++;
            }
            return s.substring(start, i);
        }
        i++;
        return String.valueOf(c);
    }

    /** A {@code [...]} option's text, or null when there is none. */
    private String optional() {
        int j = i;
        while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            j++;
        }
        if (j >= s.length() || s.charAt(j) != '[') {
            return null;
        }
        int close = LatexGroups.closingBracket(s, j);
        if (close < 0) {
            return null;
        }
        i = close + 1;
        return s.substring(j + 1, close);
    }

    private String inlineHtml(String tex) {
        return nested(tex, false);
    }

    private String nested(String tex, boolean blockMode) {
        return new LatexConverter(tex, images, blockMode, title).run();
    }

    /** The text of some LaTeX without any markup: for a title or an alt text. */
    private String plain(String tex) {
        String html = inlineHtml(tex).replaceAll("<[^>]*>", "");
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&").strip();
    }

    /** Text to escape. */
    private void inlineText(String text) {
        inline(HtmlText.escape(text));
    }

    /** HTML this class wrote, inside the current paragraph (opened if need be). */
    private void inline(String html) {
        if (block && !paragraph) {
            if (html.isBlank()) {
                return;
            }
            out.append("<p>");
            paragraph = true;
        }
        out.append(html);
    }

    private void closeParagraph() {
        if (paragraph) {
            while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
            out.append("</p>\n");
            paragraph = false;
        }
    }
}
