package org.cpjudge.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One run in a box.
 *
 * <p>The process starts in {@code workDir} (a host directory the judge prepared; inside the box it is the
 * writable working directory, and everything the run needs beyond the toolchains is in it). Toolchain
 * executables are named by absolute host path ({@code /usr/bin/g++}); files in the box by relative path
 * ({@code ./a.out}). The standard streams are host paths opened by the supervisor before the program starts,
 * so the program never sees their names; {@code stdin}, {@code stdout} may be FIFOs (interactive problems).
 *
 * @param command          argv
 * @param workDir          host directory, the box's writable working directory
 * @param env              the whole environment (nothing is inherited)
 * @param stdin            file to read standard input from, or null for /dev/null
 * @param stdout           file to write standard output to (created or truncated), or null to discard
 * @param stderr           file to write standard error to (created or truncated), or null to discard
 * @param limits           what the run may use
 * @param readOnlyBinds    extra host directories to make visible read-only at the same path (a toolchain
 *                         outside the default ones, such as rustup's home)
 * @param discardWrites    whatever the run writes in {@code workDir} stays in the box and goes with it: the host
 *                         directory is left as it was, so the judge can run every test case in the same one
 *                         without one run seeing another's files. Else (the default) the run's changes are copied
 *                         back there after it. Only with namespaces (the box's writable space is its own tmpfs);
 *                         without them (the insecure or partial mode) the run writes to the host directory itself
 *                         either way, as it can write to the host's /tmp: there is no filesystem isolation then.
 */
public record SandboxSpec(
        List<String> command,
        Path workDir,
        Map<String, String> env,
        Path stdin,
        Path stdout,
        Path stderr,
        Limits limits,
        List<Path> readOnlyBinds,
        boolean discardWrites) {

    /** A run whose changes to {@code workDir} are copied back (see discardWrites). */
    public SandboxSpec(List<String> command, Path workDir, Map<String, String> env, Path stdin, Path stdout,
            Path stderr, Limits limits, List<Path> readOnlyBinds) {
        this(command, workDir, env, stdin, stdout, stderr, limits, readOnlyBinds, false);
    }

    public SandboxSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        readOnlyBinds = List.copyOf(readOnlyBinds);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
    }

    /**
     * @param cpuTimeMs    CPU time summed over every thread and process of the run
     * @param wallTimeMs   wall-clock time
     * @param memoryBytes  peak memory of every process of the run together (a cgroup limit, not RLIMIT_AS)
     * @param outputBytes  bytes the run may write to stdout; stderr gets the same allowance
     * @param fileSizeBytes the box's whole writable space (its work directory and /tmp, a tmpfs of this size), and so
     *                      also its largest file and the most the run's files bring back to the host
     * @param processes    processes and threads alive at once
     */
    public record Limits(
            long cpuTimeMs,
            long wallTimeMs,
            long memoryBytes,
            long outputBytes,
            long fileSizeBytes,
            int processes) {
    }
}
