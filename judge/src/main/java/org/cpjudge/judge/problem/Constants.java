package org.cpjudge.judge.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpjudge.judge.SourceFile;
import org.cpjudge.judge.Submission;

/**
 * 2025-09 {@code constants}: names given values in problem.yaml, written {@code {{name}}} in validators,
 * included code, example submissions and test_group.yaml, and replaced there before use (never in test data,
 * never in contestants' submissions). A {@code {{name}}} that names no constant is left as it is.
 */
public record Constants(Map<String, String> values) {

    public static final Constants NONE = new Constants(Map.of());
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern USE = Pattern.compile("\\{\\{([a-zA-Z_][a-zA-Z0-9_]*)}}");

    public Constants {
        values = Map.copyOf(values);
    }

    /** Reads the {@code constants} map; a bad name or a value that is not a number or a string is refused. */
    static Constants of(Object yaml) {
        if (yaml == null) {
            return NONE;
        }
        if (!(yaml instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("constants must be a map of names to values");
        }
        var values = new LinkedHashMap<String, String>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("constant name '" + name + "' is not [a-zA-Z_][a-zA-Z0-9_]*");
            }
            Object value = e.getValue();
            if (!(value instanceof Number || value instanceof String)) {
                throw new IllegalArgumentException("constant " + name + " must be an int, a float or a string");
            }
            values.put(name, value.toString());
        }
        return new Constants(values);
    }

    /** {@code text} with every {@code {{name}}} of a constant replaced by its value. */
    public String apply(String text) {
        if (values.isEmpty() || text.indexOf("{{") < 0) {
            return text;
        }
        Matcher m = USE.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    public List<SourceFile> apply(List<SourceFile> files) {
        return values.isEmpty() ? files
                : files.stream().map(f -> new SourceFile(f.name(), apply(f.content()))).toList();
    }

    /** A package's own program or example submission with the constants written in. */
    public Submission apply(Submission program) {
        return values.isEmpty() ? program : new Submission(program.languageId(), apply(program.files()));
    }
}
