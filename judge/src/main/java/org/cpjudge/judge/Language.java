package org.cpjudge.judge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A programming language as plain data: how to compile and run it with the toolchain installed here.
 *
 * <p>Commands are templates: {@code {files}} expands to every source file of the language (several arguments),
 * {@code {main}} to the main file's name, {@code {mainclass}} to the entry class (Java, Kotlin), and
 * {@code {heap}} to the heap size in MiB for languages on the JVM.
 *
 * @param id                 stable id used by the API and {@code submissions.yaml}, such as {@code cpp}
 * @param name               what people call it, such as {@code C++17}
 * @param extensions         file name extensions, without the dot; the first is the usual one
 * @param version            the toolchain's name and version as it reports it, such as {@code g++ 12.2.0}
 * @param compileCommand     argv to compile, or empty when nothing is compiled
 * @param runCommand         argv to run
 * @param entryPoint         how the main file is found in a multi-file submission
 * @param memoryOverheadMib  memory the runtime itself needs; taken off the heap (-Xmx) on the JVM
 * @param readOnlyBinds      toolchain directories outside /usr that the box must see
 * @param env                environment for compiling and running (besides PATH, HOME, LANG)
 */
public record Language(
        String id,
        String name,
        List<String> extensions,
        String version,
        List<String> compileCommand,
        List<String> runCommand,
        EntryPoint entryPoint,
        int memoryOverheadMib,
        List<Path> readOnlyBinds,
        Map<String, String> env) {

    public Language {
        extensions = List.copyOf(extensions);
        compileCommand = List.copyOf(compileCommand);
        runCommand = List.copyOf(runCommand);
        readOnlyBinds = List.copyOf(readOnlyBinds);
        env = Map.copyOf(env);
    }

    /** "C++17 (g++ 12.2.0)". */
    public String label() {
        return name + " (" + version + ")";
    }

    public boolean isCompiled() {
        return !compileCommand.isEmpty();
    }

    /** Whether the file is one of this language's sources (case matters: "x.C" is C++, "x.c" is C). */
    public boolean accepts(String fileName) {
        return FileLanguages.has(fileName, extensions);
    }

    /** The compile argv for these files, with {@code main} found by {@link #entryPoint}. */
    public List<String> compileArgv(List<SourceFile> files) {
        return expand(compileCommand, files, 0);
    }

    /** The run argv; {@code memoryLimitMib} sizes the JVM heap. */
    public List<String> runArgv(List<SourceFile> files, long memoryLimitMib) {
        return expand(runCommand, files, Math.max(32, memoryLimitMib - memoryOverheadMib));
    }

    private List<String> expand(List<String> template, List<SourceFile> files, long heapMib) {
        SourceFile main = entryPoint.mainFile(files, this);
        var argv = new ArrayList<String>();
        for (String part : template) {
            if (part.equals("{files}")) {
                files.stream().map(SourceFile::name).filter(this::accepts).sorted().forEach(argv::add);
            } else {
                argv.add(part.replace("{main}", main.name())
                        .replace("{mainclass}", entryPoint.mainClass(main))
                        .replace("{heap}", Long.toString(heapMib)));
            }
        }
        return argv;
    }
}
