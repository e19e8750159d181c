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
 */
public record Compilation(boolean ok, boolean judgeError, Path programDir, String output, Language language,
        List<SourceFile> files) {

    public List<String> runArgv(long memoryLimitMib) {
        return language.runArgv(files, memoryLimitMib);
    }
}
