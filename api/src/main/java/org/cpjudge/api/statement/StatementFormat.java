package org.cpjudge.api.statement;

/** How one edition of a statement is written, best first: the page prefers the first a language has. */
public enum StatementFormat {
    /** {@code problem[.<lang>].md} */
    MARKDOWN,
    /** Polygon's {@code problem-properties.json}: name, legend, input, output, notes as LaTeX fragments */
    POLYGON_PROPERTIES,
    /** Polygon's statement sections: {@code legend.tex}, {@code input.tex}, {@code output.tex}, ... */
    POLYGON_SECTIONS,
    /** {@code problem[.<lang>].tex} */
    LATEX,
    /** {@code problem[.<lang>].pdf}: linked, since there is nothing to convert */
    PDF,
    /** {@code problem[.<lang>].html} as the package rendered it: linked, served sandboxed, never inlined */
    HTML
}
