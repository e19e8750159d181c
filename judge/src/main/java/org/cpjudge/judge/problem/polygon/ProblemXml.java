package org.cpjudge.judge.problem.polygon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reading Polygon's problem.xml: a parser that refuses document types (so no external entity can make it read
 * a host file or a URL, and no entity can expand without bound) and a few helpers over DOM elements.
 */
final class ProblemXml {

    static final long MAX_BYTES = 16 << 20;

    private ProblemXml() {
    }

    /** The root element; IOException for a file too large or not well-formed XML. */
    static Element parse(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(in).getDocumentElement();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException e) {
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** The element's direct children named {@code name}, in document order. */
    static List<Element> children(Element parent, String name) {
        var out = new ArrayList<Element>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first direct child named {@code name}, or null. */
    static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The first element found by walking direct children along {@code path}, or null. */
    static Element at(Element root, String... path) {
        Element e = root;
        for (String step : path) {
            e = child(e, step);
            if (e == null) {
                return null;
            }
        }
        return e;
    }

    /** A child element's trimmed text, when there is such a child. */
    static Optional<String> text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? Optional.empty() : Optional.of(e.getTextContent().strip());
    }

    /** An attribute, when present and not blank (DOM answers "" for a missing attribute). */
    static Optional<String> attr(Element e, String name) {
        if (e == null || !e.hasAttribute(name)) {
            return Optional.empty();
        }
        String v = e.getAttribute(name).strip();
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }
}
