package org.cpjudge.judge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.cpjudge.sandbox.SandboxResult;

/**
 * How one run of a submission ended, before its output is checked.
 *
 * @param failure  the verdict when the run itself failed (TLE, MLE, OLE, RTE, JE), or null when it exited
 *                 cleanly and its output goes to the validator
 * @param wallTimeMs how long it ran by the wall clock
 * @param overCpuLimit it used more CPU time than the limit: it was computing, not waiting for input
 */
public record RunOutcome(Verdict failure, long timeMs, long memoryKb, String message, long wallTimeMs,
                         boolean overCpuLimit) {

    public boolean ranCleanly() {
        return failure == null;
    }

    /**
     * Reads a sandbox result against the problem's limits. A runtime that reports running out of memory
     * (Java's OutOfMemoryError, Python's MemoryError, C++'s bad_alloc) is MLE, not RTE: the limit was the cause.
     */
    public static RunOutcome of(SandboxResult r, long timeLimitMs, long memoryLimitKb, long outputLimitBytes,
            Path stdout, Path stderr) throws IOException {
        long time = r.cpuTimeMs();
        long memory = r.memoryKb();
        Verdict failure = switch (r.outcome()) {
            case INTERNAL_ERROR -> Verdict.JE;
            case CPU_TIME_EXCEEDED, WALL_TIME_EXCEEDED -> Verdict.TLE;
            case MEMORY_EXCEEDED -> Verdict.MLE;
            case OUTPUT_EXCEEDED -> Verdict.OLE;
            case SIGNALED -> Verdict.RTE;
            case EXITED -> r.exitCode() == 0 ? null : Verdict.RTE;
        };
        // A limit the sandbox enforced (memory, output) is the cause; a run that merely ended late is TLE.
        if (failure != Verdict.JE) {
            if (time > timeLimitMs && (failure == null || failure == Verdict.RTE)) {
                failure = Verdict.TLE;
            } else if (failure == null && memory > memoryLimitKb) {
                failure = Verdict.MLE;
            } else if (failure == null && stdout != null && size(stdout) > outputLimitBytes) {
                failure = Verdict.OLE;
            } else if (failure == Verdict.RTE && saysOutOfMemory(stderr)) {
                failure = Verdict.MLE;
            }
        }
        if (failure == Verdict.TLE) {
            time = Math.max(time, timeLimitMs + 1); // a wall-clock kill still reads as over the limit
        }
        String message = failure == Verdict.JE ? "sandbox failed: " + r.message()
                : failure == Verdict.RTE ? (r.signal() != 0 ? "killed by signal " + r.signal() : "exit code " + r.exitCode())
                : "";
        return new RunOutcome(failure, time, memory, message, r.wallTimeMs(), r.cpuTimeMs() > timeLimitMs);
    }

    private static long size(Path file) throws IOException {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : 0;
    }

    private static boolean saysOutOfMemory(Path stderr) throws IOException {
        if (stderr == null) {
            return false;
        }
        String text = HostFiles.readText(stderr, 64 * 1024);
        return text.contains("java.lang.OutOfMemoryError") || text.contains("MemoryError")
                || text.contains("std::bad_alloc") || text.contains("memory allocation of")
                || text.contains("JavaScript heap out of memory") || text.contains("failed to map segment")
                || text.contains("Heap exhausted") || text.contains("System.OutOfMemoryException"); // GHC, SBCL; Mono
    }
}
