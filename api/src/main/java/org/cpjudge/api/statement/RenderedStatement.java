package org.cpjudge.api.statement;

import java.util.List;
import java.util.Optional;

/**
 * A statement ready for the page, in one language.
 *
 * @param language  the language shown
 * @param languages every language the statement is written in, the one shown among them
 * @param format    how the shown edition is written
 * @param title     the name the statement itself gives, if any
 * @param html      the statement as safe HTML (Markdown and LaTeX); empty for a PDF or the package's HTML
 * @param fileUrl   where the shown edition's file is served (the PDF to read, or the source)
 */
public record RenderedStatement(String language, List<String> languages, StatementFormat format,
                                Optional<String> title, Optional<String> html, String fileUrl) {

    public RenderedStatement {
        languages = List.copyOf(languages);
    }

    public boolean pdf() {
        return format == StatementFormat.PDF;
    }

    /** Whether the page must load KaTeX: the HTML holds math. */
    public boolean hasMath() {
        return html.map(h -> h.contains("class=\"math")).orElse(false);
    }
}
