package org.cpjudge.judge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every language the judge knows, as written in {@code languages.yaml}: one declarative entry each, in the
 * order that decides which language a file name means. Which of them this machine has is for
 * {@link Languages#detect()} to find out.
 */
public final class LanguageTable {

    /** Placeholders filled in when a submission is compiled or run, not when the machine is probed. */
    static final List<String> RUN_PLACEHOLDERS = List.of("files", "main", "mainclass", "heap");
    /** {@code {name}}, {@code {name.dir}} or {@code {name.home}}. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9_]+)(?:\\.(dir|home))?}");
    private static final String RESOURCE = "/languages.yaml";

    private static LanguageTable standard;

    private final List<Entry> entries;

    LanguageTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The table shipped with the judge. */
    public static synchronized LanguageTable standard() {
        if (standard == null) {
            try (InputStream in = LanguageTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the judge's classpath");
                }
                standard = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return standard;
    }

    public List<Entry> entries() {
        return entries;
    }

    public Optional<Entry> byId(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Where {@code id} stands in the table; a language the table does not know comes after all it does. */
    public int rank(String id) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).id().equals(id)) {
                return i;
            }
        }
        return entries.size();
    }

    /**
     * One language as data.
     *
     * @param tools             name to how it is found, in probing order
     * @param memoryOverheadMib memory the runtime itself needs, taken off {@code {heap}}
     * @param binds             host paths the box must see read-only, when they exist
     */
    public record Entry(String id, String name, List<String> extensions, Map<String, Tool> tools,
            VersionProbe version, List<String> compile, List<String> run, EntryPoint entryPoint,
            int memoryOverheadMib, List<String> binds, Map<String, String> env) {

        public Entry {
            extensions = List.copyOf(extensions);
            tools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tools));
            compile = List.copyOf(compile);
            run = List.copyOf(run);
            binds = List.copyOf(binds);
            env = Map.copyOf(env);
        }
    }

    /**
     * How a tool is found: {@code path} (absolute, or built from a tool named before it) or a named
     * {@code probe} that asks the toolchain where it lives, trying {@code candidates}.
     */
    public record Tool(String path, String probe, List<String> candidates) {

        public Tool {
            candidates = List.copyOf(candidates);
        }
    }

    /** {@code label} and the version {@code command} prints, found by {@code pattern}'s group 1 (or null). */
    public record VersionProbe(String label, List<String> command, String pattern) {

        public VersionProbe {
            command = List.copyOf(command);
        }
    }

    // ---- reading the YAML

    static LanguageTable parse(String yaml) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(doc instanceof List<?> list)) {
            throw new IllegalStateException("languages.yaml must be a list of languages");
        }
        var entries = new ArrayList<Entry>();
        var ids = new java.util.HashSet<String>();
        for (Object o : list) {
            Entry e = entry(map(o, "a language"));
            if (!ids.add(e.id())) {
                throw new IllegalStateException("languages.yaml lists " + e.id() + " twice");
            }
            entries.add(e);
        }
        return new LanguageTable(entries);
    }

    private static Entry entry(Map<String, Object> m) {
        String id = string(m, "id", null);
        String where = "language " + id;
        var tools = new LinkedHashMap<String, Tool>();
        for (var t : map(required(m, "tools", where), where + " tools").entrySet()) {
            tools.put(t.getKey(), tool(t.getValue(), where + " tool " + t.getKey()));
        }
        Map<String, Object> v = map(required(m, "version", where), where + " version");
        var version = new VersionProbe(string(v, "label", where), strings(v.get("command"), where + " version"),
                v.get("pattern") == null ? null : v.get("pattern").toString());
        var env = new LinkedHashMap<String, String>();
        if (m.get("env") != null) {
            map(m.get("env"), where + " env").forEach((k, value) -> env.put(k, String.valueOf(value)));
        }
        Entry e = new Entry(id, string(m, "name", where), strings(required(m, "extensions", where), where),
                tools, version, m.get("compile") == null ? List.of() : strings(m.get("compile"), where + " compile"),
                strings(required(m, "run", where), where + " run"),
                EntryPoint.valueOf(m.getOrDefault("entry", "ALL_FILES").toString()),
                ((Number) m.getOrDefault("memory_overhead_mib", 0)).intValue(),
                m.get("binds") == null ? List.of() : strings(m.get("binds"), where + " binds"), env);
        checkPlaceholders(e);
        return e;
    }

    /** A typo in a placeholder would reach a compiler as text; refuse the table instead. */
    private static void checkPlaceholders(Entry e) {
        var parts = new ArrayList<String>();
        parts.addAll(e.compile());
        parts.addAll(e.run());
        parts.addAll(e.binds());
        parts.addAll(e.env().values());
        parts.addAll(e.version().command());
        e.tools().values().stream().map(Tool::path).filter(p -> p != null).forEach(parts::add);
        for (String part : parts) {
            Matcher m = PLACEHOLDER.matcher(part);
            while (m.find()) {
                String name = m.group(1);
                boolean tool = e.tools().containsKey(name);
                if (!tool && (m.group(2) != null || !RUN_PLACEHOLDERS.contains(name))) {
                    throw new IllegalStateException("language " + e.id() + ": unknown placeholder " + m.group());
                }
            }
        }
    }

    private static Tool tool(Object o, String where) {
        if (o instanceof String path) {
            return new Tool(path, null, List.of());
        }
        Map<String, Object> m = map(o, where);
        return new Tool(null, string(m, "probe", where),
                m.get("candidates") == null ? List.of() : strings(m.get("candidates"), where));
    }

    private static Object required(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalStateException(where + ": '" + key + "' is missing");
        }
        return v;
    }

    private static String string(Map<String, Object> m, String key, String where) {
        return required(m, key, where == null ? "a language" : where).toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalStateException(what + " must be a mapping");
        }
        return (Map<String, Object>) m;
    }

    private static List<String> strings(Object o, String what) {
        if (!(o instanceof List<?> list)) {
            throw new IllegalStateException(what + " must be a list");
        }
        return list.stream().map(String::valueOf).toList();
    }
}
