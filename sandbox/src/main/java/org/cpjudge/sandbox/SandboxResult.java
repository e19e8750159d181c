package org.cpjudge.sandbox;

/**
 * What a run did and used.
 *
 * @param outcome      why the run ended
 * @param exitCode     exit status when {@code outcome} is EXITED, else -1
 * @param signal       the signal that killed it when it was killed, else 0
 * @param cpuTimeMs    CPU time summed over all its threads and processes, in milliseconds
 * @param wallTimeMs   wall-clock time from start to the end of the last process, in milliseconds
 * @param memoryKb     peak memory of the run, in KiB
 * @param message      for INTERNAL_ERROR: what went wrong in the sandbox itself; otherwise empty
 */
public record SandboxResult(
        Outcome outcome,
        int exitCode,
        int signal,
        long cpuTimeMs,
        long wallTimeMs,
        long memoryKb,
        String message) {

    public enum Outcome {
        /** Ended on its own; see exitCode. */
        EXITED,
        /** Killed by a signal it raised or received (not by a limit). */
        SIGNALED,
        CPU_TIME_EXCEEDED,
        WALL_TIME_EXCEEDED,
        MEMORY_EXCEEDED,
        OUTPUT_EXCEEDED,
        /** The sandbox failed; never the program's fault. */
        INTERNAL_ERROR
    }

    public boolean exitedCleanly() {
        return outcome == Outcome.EXITED && exitCode == 0;
    }
}
