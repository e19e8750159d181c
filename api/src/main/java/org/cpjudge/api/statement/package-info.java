/**
 * A problem's statement as a page shows it: the package's Markdown (rendered by commonmark-java) or LaTeX
 * (converted by {@link org.cpjudge.api.statement.LatexStatement}) as one safe HTML fragment, math left for KaTeX
 * in the browser, or the package's PDF when that is all there is; one edition per statement language.
 * Statements come from package authors: nothing in them becomes markup or script the converters did not write.
 */
package org.cpjudge.api.statement;
