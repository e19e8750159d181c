package org.cpjudge.api.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LatexStatementTest {

    private static final StatementImages IMAGES = new StatementImages("/api/v1/problems/p/statement/",
            Set.of("problem.en.tex", "garden.png", "plan.jpg"));

    private static LatexStatement.Converted convert(String tex) {
        return LatexStatement.convert(tex, IMAGES);
    }

    @Test
    void problemnameIsTheTitleAndSectionsAreHeadings() {
        var out = convert("""
                \\problemname{Counting Sheep}
                Bo counts sheep.

                \\section*{Input}
                One line with $n$.
                \\section*{Output}
                The count.
                """);
        assertEquals(Optional.of("Counting Sheep"), out.title());
        assertEquals("<p>Bo counts sheep.</p>\n<h2>Input</h2>\n<p>One line with <span class=\"math\">n</span>.</p>\n"
                + "<h2>Output</h2>\n<p>The count.</p>", out.html());
    }

    @Test
    void mathIsKeptWholeForKatex() {
        String html = convert("Here $1 \\le a_i \\le 10^9$ and \\(x<y\\), then\n$$\\sum_{i=1}^n a_i$$ and "
                + "\\[ \\frac{a}{b} \\]\n\\begin{align*} x &= 1 \\\\ y &= 2 \\end{align*}").html();
        assertTrue(html.contains("<span class=\"math\">1 \\le a_i \\le 10^9</span>"), html);
        assertTrue(html.contains("<span class=\"math\">x&lt;y</span>"), html);
        assertTrue(html.contains("<span class=\"math math-display\">\\sum_{i=1}^n a_i</span>"), html);
        assertTrue(html.contains("<span class=\"math math-display\">\\frac{a}{b}</span>"), html);
        assertTrue(html.contains("<span class=\"math math-display\">\\begin{align*} x &amp;= 1 \\\\ y &amp;= 2 \\end{align*}</span>"), html);
    }

    @Test
    void textIsEscapedAndNothingIsExecuted() {
        String html = convert("\\newcommand{\\evil}[1]{<script>#1</script>}\n\\def\\worse{x}"
                + "A <b>bold</b> claim \\& 50\\% \\evil{y} \\unknowncmd{z}.").html();
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("A &lt;b&gt;bold&lt;/b&gt; claim &amp; 50% \\evily \\unknowncmdz."), html);
    }

    @Test
    void styledTextAndLinks() {
        String html = convert("\\emph{one} \\textbf{two} \\texttt{three} \\url{https://example.org/a_b} "
                + "\\href{javascript:alert(1)}{no link} -- and --- ``quoted''~here").html();
        assertEquals("<p><em>one</em> <strong>two</strong> <code>three</code> "
                + "<a href=\"https://example.org/a_b\">https://example.org/a_b</a> no link – and — “quoted”\u00a0here</p>", html);
    }

    @Test
    void listsNestAndEnumerate() {
        String html = convert("""
                \\begin{itemize}
                  \\item first $x$
                  \\item second
                  \\begin{enumerate}
                    \\item inner
                  \\end{enumerate}
                \\end{itemize}
                \\begin{description}\\item[Term] meaning\\end{description}
                """).html();
        assertEquals("<ul>\n<li>first <span class=\"math\">x</span></li>\n<li>second <ol>\n<li>inner</li>\n</ol></li>\n"
                + "</ul>\n<dl>\n<dt>Term</dt><dd>meaning</dd>\n</dl>", html);
    }

    @Test
    void tabularBecomesATable() {
        String html = convert("""
                \\begin{tabular}{|l|r|}
                \\hline
                Name & Value \\\\ \\hline
                $a$ & 1 \\& 2 \\\\
                \\multicolumn{2}{c}{total} \\\\
                \\hline
                \\end{tabular}
                """).html();
        assertEquals("<div class=\"table-wrap\"><table class=\"tabular\">\n<tr><td>Name</td><td>Value</td></tr>\n"
                + "<tr><td><span class=\"math\">a</span></td><td>1 &amp; 2</td></tr>\n"
                + "<tr><td colspan=\"2\">total</td></tr>\n</table></div>", html);
    }

    @Test
    void figuresShowThePackagesPictures() {
        String html = convert("""
                \\illustration{0.3}{garden}{The garden, $3 \\times 3$.}
                Text.
                \\begin{figure}[h]
                  \\centering
                  \\includegraphics[width=0.5\\textwidth]{plan.jpg}
                  \\caption{A plan}
                \\end{figure}
                \\includegraphics{nowhere}
                """).html();
        assertTrue(html.contains("<figure class=\"illustration\"><img src=\"/api/v1/problems/p/statement/garden.png\""
                + " alt=\"The garden, 3 \\times 3.\"><figcaption>The garden, <span class=\"math\">3 \\times 3</span>."
                + "</figcaption></figure>"), html);
        assertTrue(html.contains("<figure><img src=\"/api/v1/problems/p/statement/plan.jpg\" alt=\"\"><figcaption>A plan"
                + "</figcaption></figure>"), html);
        assertTrue(html.contains("<span class=\"missing-figure\">[figure nowhere]</span>"), html);
    }

    @Test
    void verbatimAndCommentsAndDocumentWrapper() {
        String html = convert("""
                \\documentclass{article}
                \\begin{document}
                Shown % hidden <remark>
                text.
                \\begin{verbatim}
                50% of <all> $x$
                \\end{verbatim}
                Inline \\verb|a%b<c|.
                \\end{document}
                """).html();
        assertFalse(html.contains("hidden"), html);
        assertTrue(html.startsWith("<p>Shown text.</p>"), html);
        assertTrue(html.contains("<pre>50% of &lt;all&gt; $x$\n</pre>"), html);
        assertTrue(html.contains("<code>a%b&lt;c</code>"), html);
    }

    @Test
    void polygonProblemEnvironmentAndSections() {
        var out = convert("""
                \\begin{problem}{Two Sum}{standard input}{standard output}{1 second}{256 megabytes}
                Add two numbers.
                \\InputFile
                Two integers $a$ and $b$.
                \\OutputFile
                Their sum.
                \\Examples
                \\exmp{1 2}{3}
                \\Note
                Easy.
                \\end{problem}
                """);
        assertEquals(Optional.of("Two Sum"), out.title());
        assertEquals("<p>Add two numbers.</p>\n<h2>Input</h2>\n<p>Two integers <span class=\"math\">a</span> and "
                + "<span class=\"math\">b</span>.</p>\n<h2>Output</h2>\n<p>Their sum.</p>\n<h2>Note</h2>\n<p>Easy.</p>",
                out.html());
    }

    @Test
    void polygonPropertiesBecomeOneStatement() {
        String tex = PolygonSections.fromProperties("{\"name\": \"Tree Walk\", \"legend\": \"Walk on $T$.\","
                + " \"input\": \"A number.\", \"output\": \"Another.\", \"notes\": \"\"}");
        var out = convert(tex);
        assertEquals(Optional.of("Tree Walk"), out.title());
        assertEquals("<p>Walk on <span class=\"math\">T</span>.</p>\n<h2>Input</h2>\n<p>A number.</p>\n"
                + "<h2>Output</h2>\n<p>Another.</p>", out.html());
    }

    @Test
    void accentsCompose() {
        assertEquals("<p>Erdős and Gödel in Curaçao</p>", convert("Erd\\H{o}s and G\\\"odel in Cura\\c{c}ao").html());
    }

    @Test
    void brokenLatexEndsAndStaysText() {
        String[] broken = {"\\begin{itemize}\\item <one>", "{never closed <b>", "$x < y", "$$ a", "\\verb", "\\verb*",
            "\\(", "\\[ x", "\\", "\\section", "\\begin{tabular}{l", "\\item[", "\\href{javascript:x}",
            "\\includegraphics[", "\\begin{verbatim}<x>", "\\newcommand", "\\def", "\\'", "\\c", "}}}{{{"};
        for (String tex : broken) {
            String html = convert(tex).html();
            assertFalse(html.contains("<one>") || html.contains("<b>") || html.contains("<x>"), tex + " -> " + html);
        }
    }
}
