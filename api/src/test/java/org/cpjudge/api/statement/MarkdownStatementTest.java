package org.cpjudge.api.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MarkdownStatementTest {

    private static final StatementImages IMAGES = new StatementImages("/api/v1/problems/p/statement/",
            Set.of("problem.en.md", "tree.png", "notes.pdf"));

    private static String html(String markdown) {
        return MarkdownStatement.toHtml(markdown, IMAGES);
    }

    @Test
    void mathKeepsItsUnderscoresStarsAndBackslashes() {
        String out = html("Let $a_1 * b_2$ and $c_1 * d_2$ be given, and\n\n$$\\sum_{i=1}^{n} x_i \\{y\\}$$\n");
        assertTrue(out.contains("<span class=\"math\">a_1 * b_2</span>"), out);
        assertTrue(out.contains("<span class=\"math\">c_1 * d_2</span>"), out);
        assertTrue(out.contains("<span class=\"math math-display\">\\sum_{i=1}^{n} x_i \\{y\\}</span>"), out);
        assertFalse(out.contains("<em>"), "no emphasis made of the math's stars and underscores: " + out);
    }

    @Test
    void mathIsEscapedAsText() {
        String out = html("If $a < b$ and $b > c$ then $a<c$.");
        assertTrue(out.contains("<span class=\"math\">a &lt; b</span>"), out);
        assertTrue(out.contains("<span class=\"math\">a&lt;c</span>"), out);
    }

    @Test
    void dollarsThatAreNotMathStayText() {
        String out = html("It costs $5 and $6 in total; \\$x\\$ is literal.");
        assertFalse(out.contains("class=\"math"), out);
        assertTrue(out.contains("$5 and $6"), out);
        assertTrue(out.contains("$x$ is literal"), out);
    }

    @Test
    void codeKeepsItsDollars() {
        String out = html("Use `echo $HOME$` here.\n\n```\nprint($x$)\n```\n");
        assertFalse(out.contains("class=\"math"), out);
        assertTrue(out.contains("<code>echo $HOME$</code>"), out);
        assertTrue(out.contains("print($x$)"), out);
    }

    @Test
    void rawHtmlIsShownAsTextNeverAsMarkup() {
        String out = html("Hello <script>alert(1)</script> and <img src=x onerror=alert(2)>\n\n<div onclick=\"x\">block</div>\n");
        assertFalse(out.contains("<script"), out);
        assertFalse(out.contains("<img src=x"), out);
        assertFalse(out.contains("<div"), out);
        assertTrue(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), out);
    }

    @Test
    void scriptLinksAreDropped() {
        String out = html("[click](javascript:alert(1)) and [fine](https://example.org/x)");
        assertFalse(out.contains("javascript:"), out);
        assertTrue(out.contains("<a rel=\"nofollow\" href=\"https://example.org/x\">fine</a>"), out);
    }

    @Test
    void sectionsListsAndTables() {
        String out = html("""
                ## Input

                - one
                - two

                1. first
                2. second

                | n | answer |
                |---|--------|
                | $1$ | yes |
                """);
        assertTrue(out.contains("<h2>Input</h2>"), out);
        assertTrue(out.contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"), out);
        assertTrue(out.contains("<ol>\n<li>first</li>"), out);
        assertTrue(out.contains("<table>"), out);
        assertTrue(out.contains("<th>answer</th>"), out);
        assertTrue(out.contains("<td><span class=\"math\">1</span></td>"), out);
    }

    @Test
    void picturesOfTheStatementFolderAreServedByTheApi() {
        String out = html("![A tree $T$](tree.png) and ![gone](missing.png) and [the notes](notes.pdf)");
        assertTrue(out.contains("<img src=\"/api/v1/problems/p/statement/tree.png\" alt=\"A tree $T$\" />"), out);
        assertFalse(out.contains("missing.png"), out);
        assertTrue(out.contains("[figure: gone]"), out);
        assertTrue(out.contains("<a rel=\"nofollow\" href=\"/api/v1/problems/p/statement/notes.pdf\">the notes</a>"), out);
    }
}
