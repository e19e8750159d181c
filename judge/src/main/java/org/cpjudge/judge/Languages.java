package org.cpjudge.judge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The languages whose toolchain is installed on this machine, with versions read from the toolchains once.
 *
 * <p>Toolchains are named by their real path (symlinks such as /etc/alternatives resolved), since the box
 * shows /usr but not necessarily /etc; a toolchain that lives elsewhere (rustup, pyenv) is bound read-only.
 */
public final class Languages {

    private static final Logger log = LoggerFactory.getLogger(Languages.class);
    private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+(?:\\.\\d+)?)");

    private final List<Language> installed;

    public Languages(List<Language> installed) {
        this.installed = List.copyOf(installed);
    }

    /** Probes this machine for toolchains; takes a second or two (it asks each for its version). */
    public static Languages detect() {
        var found = new ArrayList<Language>();
        Toolchains t = new Toolchains();
        t.real("/usr/bin/gcc").ifPresent(gcc -> {
            String v = "gcc " + t.version(List.of(gcc.toString(), "-dumpfullversion"));
            found.add(lang("c", "C17", List.of("c"), v,
                    List.of(gcc.toString(), "-x", "c", "-std=gnu17", "-O2", "-pipe", "-o", "main", "{files}", "-lm"),
                    List.of("./main"), EntryPoint.ALL_FILES, 0, List.of(), Map.of()));
        });
        t.real("/usr/bin/g++").ifPresent(gpp -> {
            String v = "g++ " + t.version(List.of(gpp.toString(), "-dumpfullversion"));
            for (String std : List.of("17", "20")) {
                found.add(lang(std.equals("17") ? "cpp" : "cpp" + std, "C++" + std, List.of("cpp", "cc", "cxx", "c++", "C"), v,
                        List.of(gpp.toString(), "-x", "c++", "-std=gnu++" + std, "-O2", "-pipe", "-o", "main", "{files}"),
                        List.of("./main"), EntryPoint.ALL_FILES, 0, List.of(), Map.of()));
            }
        });
        t.real("/usr/bin/javac").ifPresent(javac -> {
            Path bin = javac.getParent();
            Path java = bin.resolve("java");
            String v = "OpenJDK " + t.version(List.of(java.toString(), "-version"));
            // Debian's JDK keeps its conf in /etc; the box may not show /etc.
            List<Path> binds = t.existing("/etc/java-17-openjdk", "/etc/java-21-openjdk");
            found.add(lang("java", "Java", List.of("java"), v,
                    List.of(javac.toString(), "-J-XX:+UseSerialGC", "-J-Xss64m", "-encoding", "UTF-8", "-d", ".", "{files}"),
                    List.of(java.toString(), "-XX:+UseSerialGC", "-Xmx{heap}m", "-Xss64m", "-XX:TieredStopAtLevel=4",
                            "-cp", ".", "{mainclass}"),
                    EntryPoint.JAVA_MAIN_CLASS, 64, binds, Map.of()));
            t.real("/usr/bin/kotlinc").ifPresent(kotlinc -> {
                Path stdlib = Path.of("/usr/share/java/kotlin-stdlib.jar");
                String kv = "kotlinc " + t.version(List.of(kotlinc.toString(), "-version"));
                found.add(lang("kotlin", "Kotlin", List.of("kt"), kv,
                        List.of(kotlinc.toString(), "-J-XX:+UseSerialGC", "-nowarn", "-d", "main.jar", "{files}"),
                        List.of(java.toString(), "-XX:+UseSerialGC", "-Xmx{heap}m", "-Xss64m",
                                "-cp", "main.jar:" + stdlib, "{mainclass}"),
                        EntryPoint.KOTLIN_MAIN, 64, binds, Map.of("JAVA_HOME", bin.getParent().toString())));
            });
        });
        t.python3().ifPresent(py -> found.add(lang("python3", "Python 3", List.of("py"),
                "CPython " + t.version(List.of(py.interpreter().toString(), "--version")),
                List.of(py.interpreter().toString(), "-m", "py_compile", "{files}"),
                List.of(py.interpreter().toString(), "{main}"),
                EntryPoint.SCRIPT, 0, py.binds(), Map.of("PYTHONIOENCODING", "utf-8"))));
        t.real("/usr/bin/pypy3").ifPresent(pypy -> found.add(lang("pypy3", "PyPy 3", List.of("py"),
                "PyPy " + t.version(List.of(pypy.toString(), "--version"), Pattern.compile("PyPy (\\d[\\d.]*\\d)")),
                List.of(pypy.toString(), "-m", "py_compile", "{files}"),
                List.of(pypy.toString(), "{main}"),
                EntryPoint.SCRIPT, 0, List.of(), Map.of("PYTHONIOENCODING", "utf-8"))));
        t.rustSysroot().ifPresent(sysroot -> {
            Path rustc = sysroot.resolve("bin/rustc");
            found.add(lang("rust", "Rust", List.of("rs"), "rustc " + t.version(List.of(rustc.toString(), "--version")),
                    List.of(rustc.toString(), "--edition", "2021", "-O", "-o", "main", "{main}"),
                    List.of("./main"), EntryPoint.RUST_MAIN, 0,
                    sysroot.startsWith("/usr") ? List.of() : List.of(sysroot), Map.of()));
        });
        t.real("/usr/bin/go").ifPresent(go -> found.add(lang("go", "Go", List.of("go"),
                "go " + t.version(List.of(go.toString(), "version")),
                // GOCACHE and HOME must be absolute; the box's working directory is the only writable place.
                List.of("/bin/sh", "-c", "GOCACHE=\"$PWD/.gocache\" HOME=\"$PWD\" exec \"$0\" build -o main \"$@\"",
                        go.toString(), "{files}"),
                List.of("./main"), EntryPoint.ALL_FILES, 0, List.of(),
                Map.of("GO111MODULE", "off", "GOFLAGS", "-buildvcs=false", "CGO_ENABLED", "0"))));
        t.real("/usr/bin/node").ifPresent(node -> found.add(lang("javascript", "JavaScript (Node.js)", List.of("js"),
                "node " + t.version(List.of(node.toString(), "--version")),
                List.of(node.toString(), "--check", "{main}"),
                List.of(node.toString(), "--stack-size=65500", "{main}"),
                EntryPoint.SCRIPT, 0, List.of(), Map.of())));
        t.real("/usr/bin/ruby").ifPresent(ruby -> found.add(lang("ruby", "Ruby", List.of("rb"),
                "ruby " + t.version(List.of(ruby.toString(), "--version")),
                List.of(ruby.toString(), "-c", "{main}"),
                List.of(ruby.toString(), "{main}"),
                EntryPoint.SCRIPT, 0, List.of(), Map.of())));
        found.removeIf(l -> l.version().endsWith(" ?"));
        log.info("languages: {}", found.stream().map(Language::label).toList());
        return new Languages(found);
    }

    private static Language lang(String id, String name, List<String> ext, String version, List<String> compile,
            List<String> run, EntryPoint entry, int overhead, List<Path> binds, Map<String, String> env) {
        return new Language(id, name, ext, version, compile, run, entry, overhead, binds, env);
    }

    public List<Language> installed() {
        return installed;
    }

    public Optional<Language> byId(String id) {
        return installed.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /**
     * The language a file name means, by extension, the first of those installed ({@code .py} is Python 3
     * rather than PyPy, {@code .cpp} is C++17).
     */
    public Optional<Language> forFileName(String name) {
        return installed.stream().filter(l -> l.accepts(name)).findFirst();
    }

    /** Looks at the host's toolchains; runs only trusted toolchain binaries, never submissions. */
    private static final class Toolchains {

        Optional<Path> real(String path) {
            try {
                Path p = Path.of(path);
                return Files.isExecutable(p) ? Optional.of(p.toRealPath()) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        List<Path> existing(String... paths) {
            return java.util.Arrays.stream(paths).map(Path::of).filter(Files::isDirectory).toList();
        }

        String version(List<String> command) {
            return version(command, VERSION);
        }

        /** The first match of {@code pattern} in what {@code command} prints, or "?" when it says nothing. */
        String version(List<String> command, Pattern pattern) {
            String out = output(command);
            Matcher m = pattern.matcher(out);
            return m.find() ? m.group(1) : "?";
        }

        String output(List<String> command) {
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

        record Python(Path interpreter, List<Path> binds) {
        }

        /** Debian's /usr/bin/python3 when there is one, else whatever python3 on PATH really runs (pyenv). */
        Optional<Python> python3() {
            Optional<Path> debian = real("/usr/bin/python3");
            if (debian.isPresent()) {
                return Optional.of(new Python(debian.get(), List.of()));
            }
            String[] lines = output(List.of("python3", "-c",
                    "import sys; print(sys.executable); print(sys.base_prefix)")).strip().split("\n");
            if (lines.length != 2) {
                return Optional.empty();
            }
            Path exe = Path.of(lines[0].strip());
            Path prefix = Path.of(lines[1].strip());
            return real(exe.toString()).map(p -> new Python(p, prefix.startsWith("/usr") ? List.of() : List.of(prefix)));
        }

        /** rustup's rustc is a proxy; the compiler itself sits in the toolchain's sysroot. */
        Optional<Path> rustSysroot() {
            for (String candidate : List.of("/usr/bin/rustc", "/root/.cargo/bin/rustc")) {
                if (real(candidate).isPresent()) {
                    String out = output(List.of(candidate, "--print", "sysroot")).strip();
                    if (!out.isEmpty() && Files.isExecutable(Path.of(out, "bin", "rustc"))) {
                        return Optional.of(Path.of(out));
                    }
                }
            }
            return Optional.empty();
        }
    }
}
