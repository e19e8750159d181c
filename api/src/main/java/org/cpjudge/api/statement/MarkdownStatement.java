package org.cpjudge.api.statement;

import java.util.List;
import java.util.Optional;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A Markdown statement (2023-07 {@code statement/problem.<lang>.md}) as HTML, by commonmark-java with GitHub's
 * tables. Raw HTML in the Markdown is shown as text, never passed through (statements come from package
 * authors); links that could run script ({@code javascript:}) are dropped; pictures and links to the statement
 * folder's own files point where the API serves them; math is kept for KaTeX (see {@link MathExtraction}).
 */
public final class MarkdownStatement {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();

    private MarkdownStatement() {
    }

    public static String toHtml(String markdown, StatementImages images) {
        MathExtraction math = new MathExtraction(markdown);
        Node document = PARSER.parse(math.text());
        document.accept(new LocalFiles(images));
        return math.restore(RENDERER.render(document));
    }

    /** Points pictures and links that name a statement file at the API; a picture not there becomes its alt text. */
    private static final class LocalFiles extends AbstractVisitor {
        private final StatementImages images;

        LocalFiles(StatementImages images) {
            this.images = images;
        }

        @Override
        public void visit(Image image) {
            String destination = image.getDestination();
            if (!relative(destination)) {
                return;
            }
            Optional<String> url = images.url(destination);
            if (url.isPresent()) {
                image.setDestination(url.get());
                return;
            }
            StringBuilder alt = new StringBuilder();
            for (Node child = image.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof Text t) {
                    alt.append(t.getLiteral());
                }
            }
            image.insertBefore(new Text("[figure" + (alt.isEmpty() ? "" : ": " + alt) + "]"));
            image.unlink();
        }

        @Override
        public void visit(Link link) {
            if (relative(link.getDestination())) {
                images.file(link.getDestination()).ifPresent(link::setDestination);
            }
            visitChildren(link);
        }

        private static boolean relative(String destination) {
            return destination != null && !destination.isEmpty() && !destination.startsWith("/")
                    && !destination.startsWith("#") && !destination.contains(":");
        }
    }
}
