package org.cpjudge.judge;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of compiling a program.
 *
 * @param ok          whether it compiled
 * @param judgeError  true when the sandbox failed rather than the compiler (then {@code ok} is false too)
 * @param programDir  the cached folder holding sources and binaries, to be copied into each run's box
 * @param output      what the compiler said, at most 64 KiB
 * @param language    the language it is in, or null for a program given as {@link BuildScripts}
 * @param files       its files, as compiled
 * @param runCommand  for a build/run program, the argv that starts its {@code run}; empty otherwise
 */
public record Compilation(boolean ok, boolean judgeError, Path programDir, String output, Language language,
        List<SourceFile> files, List<String> runCommand) {

    public Compilation {
        files = List.copyOf(files);
        runCommand = List.copyOf(runCommand);
    }

    /** A compilation in a language. */
    public Compilation(boolean ok, boolean judgeError, Path programDir, String output, Language language,
            List<SourceFile> files) {
        this(ok, judgeError, programDir, output, language, files, List.of());
    }

    public List<String> runArgv(long memoryLimitMib) {
        return language != null ? language.runArgv(files, memoryLimitMib) : runCommand;
    }
}
