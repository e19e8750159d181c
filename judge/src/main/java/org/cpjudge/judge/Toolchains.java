package org.cpjudge.judge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks at the host's toolchains to turn a {@link LanguageTable.Entry} into an installed {@link Language};
 * runs only trusted toolchain binaries, never submissions. What a tool prints is asked once per command.
 */
final class Toolchains {

    private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+(?:\\.\\d+)?)");

    private final Map<List<String>, String> outputs = new HashMap<>();

    /** A tool found here: its real path and what the box must see besides /usr to run it. */
    record Found(Path path, List<Path> binds) {
    }

    /** The language, when every tool it names is installed and its version can be read. */
    Optional<Language> install(LanguageTable.Entry e) {
        var tools = new LinkedHashMap<String, Found>();
        for (var t : e.tools().entrySet()) {
            Optional<Found> found = find(t.getValue(), tools);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            tools.put(t.getKey(), found.get());
        }
        String version = version(fill(e.version().command(), tools),
                e.version().pattern() == null ? VERSION : Pattern.compile(e.version().pattern()));
        if (version == null) {
            return Optional.empty();
        }
        var binds = new LinkedHashSet<Path>();
        for (String b : e.binds()) {
            binds.addAll(existing(Path.of(fill(b, tools))));
        }
        tools.values().forEach(f -> binds.addAll(f.binds()));
        var env = new LinkedHashMap<String, String>();
        e.env().forEach((k, v) -> env.put(k, fill(v, tools)));
        return Optional.of(new Language(e.id(), e.name(), e.extensions(), e.version().label() + " " + version,
                fill(e.compile(), tools), fill(e.run(), tools), e.entryPoint(), e.memoryOverheadMib(),
                List.copyOf(binds), env));
    }

    private Optional<Found> find(LanguageTable.Tool tool, Map<String, Found> before) {
        if (tool.probe() == null) {
            return real(fill(tool.path(), before)).map(p -> new Found(p, List.of()));
        }
        return switch (tool.probe()) {
            case "python3" -> python3();
            case "rust-sysroot" -> rustSysroot(tool.candidates());
            default -> throw new IllegalStateException("no probe named " + tool.probe());
        };
    }

    /** Fills in the tools' paths; {@code {files}} and the other run-time placeholders stay. */
    private static String fill(String template, Map<String, Found> tools) {
        Matcher m = LanguageTable.PLACEHOLDER.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            Found f = tools.get(m.group(1));
            String value;
            if (f == null) {
                value = m.group();
            } else if (m.group(2) == null) {
                value = f.path().toString();
            } else {
                Path dir = f.path().getParent();
                value = String.valueOf(m.group(2).equals("dir") ? dir : dir.getParent());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<String> fill(List<String> templates, Map<String, Found> tools) {
        return templates.stream().map(t -> fill(t, tools)).toList();
    }

    /** The path, or nothing when it does not exist; a symlink brings its target, which the box must see too. */
    private static List<Path> existing(Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        var paths = new ArrayList<Path>(List.of(p));
        try {
            Path real = p.toRealPath();
            if (!real.equals(p)) {
                paths.add(real);
            }
        } catch (IOException e) {
            return List.of(); // a dangling link
        }
        return paths;
    }

    /** The executable's real path (symlinks such as /etc/alternatives resolved), since the box may not show /etc. */
    Optional<Path> real(String path) {
        try {
            Path p = Path.of(path);
            return Files.isExecutable(p) ? Optional.of(p.toRealPath()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The first match of {@code pattern} in what {@code command} prints, or null when it says nothing. */
    String version(List<String> command, Pattern pattern) {
        Matcher m = pattern.matcher(output(command));
        return m.find() ? m.group(1) : null;
    }

    String output(List<String> command) {
        return outputs.computeIfAbsent(List.copyOf(command), Toolchains::run);
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Debian's /usr/bin/python3 when there is one, else whatever python3 on PATH really runs (pyenv). */
    private Optional<Found> python3() {
        Optional<Path> debian = real("/usr/bin/python3");
        if (debian.isPresent()) {
            return Optional.of(new Found(debian.get(), List.of()));
        }
        String[] lines = output(List.of("python3", "-c",
                "import sys; print(sys.executable); print(sys.base_prefix)")).strip().split("\n");
        if (lines.length != 2) {
            return Optional.empty();
        }
        Path exe = Path.of(lines[0].strip());
        Path prefix = Path.of(lines[1].strip());
        return real(exe.toString()).map(p -> new Found(p, prefix.startsWith("/usr") ? List.of() : List.of(prefix)));
    }

    /** rustup's rustc is a proxy; the compiler itself sits in the toolchain's sysroot, bound when outside /usr. */
    private Optional<Found> rustSysroot(List<String> candidates) {
        for (String candidate : candidates) {
            if (real(candidate).isPresent()) {
                String out = output(List.of(candidate, "--print", "sysroot")).strip();
                if (!out.isEmpty() && Files.isExecutable(Path.of(out, "bin", "rustc"))) {
                    Path sysroot = Path.of(out);
                    return Optional.of(new Found(sysroot.resolve("bin/rustc"),
                            sysroot.startsWith("/usr") ? List.of() : List.of(sysroot)));
                }
            }
        }
        return Optional.empty();
    }
}
