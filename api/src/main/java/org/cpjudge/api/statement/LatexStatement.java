package org.cpjudge.api.statement;

import java.util.Optional;

/**
 * A LaTeX statement (legacy {@code problem_statement/problem[.<lang>].tex}, 2023-07 {@code statement/problem.<lang>.tex},
 * Polygon's {@code problem.tex} and statement sections) as the same kind of HTML a Markdown statement gets. The
 * converter understands problemtools' macros ({@code \problemname}, {@code \illustration}), Polygon's
 * ({@code \begin{problem}}, {@code \InputFile}, {@code \OutputFile}, {@code \Note}) and common LaTeX: sections,
 * lists, tabular, figures and {@code \includegraphics}, emphasis, {@code url}, verbatim, paragraphs; math is
 * kept for KaTeX. Nothing is executed: {@code \newcommand} and {@code \def} are dropped, and a command it does not
 * know is shown as text.
 */
public final class LatexStatement {

    /** The converted statement: its {@code \problemname} (or Polygon problem name) when it has one, and the body. */
    public record Converted(Optional<String> title, String html) {
    }

    private LatexStatement() {
    }

    public static Converted convert(String tex, StatementImages images) {
        String body = LatexComments.strip(tex.replace("\r\n", "\n"));
        int begin = body.indexOf("\\begin{document}");
        if (begin >= 0) {
            int end = body.indexOf("\\end{document}", begin);
            body = body.substring(begin + "\\begin{document}".length(), end < 0 ? body.length() : end);
        }
        LatexConverter converter = new LatexConverter(body, images, true, new LatexConverter.Title());
        String html = converter.run();
        return new Converted(converter.title(), html);
    }

    /** A fragment (a Polygon statement section, a title) as HTML without paragraphs of its own. */
    static String inline(String tex, StatementImages images) {
        return new LatexConverter(LatexComments.strip(tex), images, false, new LatexConverter.Title()).run();
    }
}
