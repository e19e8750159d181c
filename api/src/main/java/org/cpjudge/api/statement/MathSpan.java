package org.cpjudge.api.statement;

/**
 * A piece of TeX math as the statement wrote it, without its delimiters, shown as an element the page's script
 * typesets with KaTeX ({@code class="math"}; display math also {@code math-display}). Without scripts the reader
 * sees the TeX source.
 */
record MathSpan(String tex, boolean display) {

    String html() {
        StringBuilder out = new StringBuilder();
        out.append(display ? "<span class=\"math math-display\">" : "<span class=\"math\">");
        HtmlText.escapeInto(out, tex);
        return out.append("</span>").toString();
    }
}
