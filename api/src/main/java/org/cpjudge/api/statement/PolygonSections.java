package org.cpjudge.api.statement;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A Polygon statement kept in parts (the sections of {@code statement-sections/<language>/}, or the fields of
 * {@code problem-properties.json}), each a LaTeX fragment, put together as one LaTeX statement with the section
 * headings Polygon prints.
 */
final class PolygonSections {

    /** The parts in the order Polygon prints them, with their headings (null: no heading). */
    private static final Map<String, String> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("legend", null);
        PARTS.put("input", "Input");
        PARTS.put("output", "Output");
        PARTS.put("interaction", "Interaction");
        PARTS.put("scoring", "Scoring");
        PARTS.put("notes", "Note");
    }

    private PolygonSections() {
    }

    /** From the section files: {@code part} is read as {@code <part>.tex}, null when the file is missing. */
    static String fromSections(Function<String, String> part) {
        return assemble(part.apply("name"), part);
    }

    static String fromProperties(String json) {
        JsonObject properties = new JsonObject(json);
        return assemble(properties.getString("name"), name -> {
            Object value = properties.getValue(name);
            return value instanceof String text ? text : null;
        });
    }

    private static String assemble(String name, Function<String, String> part) {
        StringBuilder tex = new StringBuilder();
        if (name != null && !name.isBlank()) {
            tex.append("\\problemname{").append(name.strip()).append("}\n\n");
        }
        PARTS.forEach((key, heading) -> {
            String text = part.apply(key);
            if (text != null && !text.isBlank()) {
                if (heading != null) {
                    tex.append("\\section*{").append(heading).append("}\n");
                }
                tex.append(text.strip()).append("\n\n");
            }
        });
        return tex.toString();
    }
}
