package org.cpjudge.api.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementEditionsTest {

    @Test
    void oneEditionPerLanguageMarkdownBeforeLatexBeforePdfEnglishFirst() {
        StatementEditions e = StatementEditions.of(List.of("problem.sv.tex", "problem.sv.pdf", "problem.en.pdf",
                "problem.en.md", "problem.de.pdf", "img/x.png", "problem.sv.md.bak"), "statement");
        assertEquals(List.of(new StatementEdition("en", StatementFormat.MARKDOWN, "problem.en.md"),
                new StatementEdition("de", StatementFormat.PDF, "problem.de.pdf"),
                new StatementEdition("sv", StatementFormat.LATEX, "problem.sv.tex")), e.all());
    }

    @Test
    void chooseTheAskedLanguageElseEnglishElseTheFirst() {
        StatementEditions e = StatementEditions.of(List.of("problem.sv.md", "problem.en.md"), "statement");
        assertEquals("sv", e.choose("sv").orElseThrow().language());
        assertEquals("en", e.choose("fr").orElseThrow().language());
        assertEquals("en", e.choose(null).orElseThrow().language());
        StatementEditions noEnglish = StatementEditions.of(List.of("problem.sv.md", "problem.de.md"), "statement");
        assertEquals("de", noEnglish.choose("fr").orElseThrow().language());
        assertTrue(StatementEditions.of(List.of("notes.txt"), "statement").choose("en").isEmpty());
    }

    @Test
    void legacyAndPolygonNames() {
        assertEquals(List.of(new StatementEdition("en", StatementFormat.LATEX, "problem.tex")),
                StatementEditions.of(List.of("problem.tex"), "problem_statement").all());
        assertEquals(List.of(new StatementEdition("ru", StatementFormat.POLYGON_PROPERTIES, "problem-properties.json")),
                StatementEditions.of(List.of("problem.tex", "problem-properties.json"), "russian").all());
        assertEquals(List.of(new StatementEdition("en", StatementFormat.POLYGON_SECTIONS, "legend.tex")),
                StatementEditions.of(List.of("legend.tex", "input.tex", "output.tex"), "english").all());
    }
}
