package org.cpjudge.judge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cpjudge.sandbox.Sandbox;
import org.cpjudge.sandbox.SandboxFailure;
import org.cpjudge.sandbox.SandboxResult;
import org.cpjudge.sandbox.SandboxSpec;

/** Builds sandbox runs the way the judge always wants them: a clean environment plus the language's. */
public final class Box {

    static final long MIB = 1024 * 1024;

    private final Sandbox sandbox;

    public Box(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /**
     * A run of {@code argv} in {@code workDir}; the streams are host paths outside the box. With
     * {@code discardWrites} what the run writes in {@code workDir} is not copied back (see SandboxSpec).
     */
    public record Run(List<String> argv, Path workDir, Path stdin, Path stdout, Path stderr, Language language,
            SandboxSpec.Limits limits, boolean discardWrites) {

        /** A run whose changes to {@code workDir} come back to it (compilers, validators). */
        public Run(List<String> argv, Path workDir, Path stdin, Path stdout, Path stderr, Language language,
                SandboxSpec.Limits limits) {
            this(argv, workDir, stdin, stdout, stderr, language, limits, false);
        }
    }

    /**
     * Runs it; a run the sandbox itself failed (INTERNAL_ERROR: its supervisor died, wedged, or could not set the
     * box up) is thrown as a {@link SandboxFailure}, since it says nothing about the program: whoever judges
     * decides whether that is a JE or a reason to try again.
     */
    public SandboxResult run(Run run) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("HOME", run.workDir().toString());
        env.put("TMPDIR", run.workDir().toString());
        List<Path> binds = List.of();
        if (run.language() != null) {
            env.putAll(run.language().env());
            binds = run.language().readOnlyBinds();
        }
        SandboxResult r = sandbox.run(new SandboxSpec(run.argv(), run.workDir(), env, run.stdin(), run.stdout(),
                run.stderr(), run.limits(), binds, run.discardWrites()));
        if (r.outcome() == SandboxResult.Outcome.INTERNAL_ERROR) {
            throw new SandboxFailure("sandbox failed: " + r.message());
        }
        return r;
    }

    /** Limits for trusted helpers: compilers and validators. */
    public static SandboxSpec.Limits toolLimits(long cpuSeconds, long memoryMib) {
        return new SandboxSpec.Limits(cpuSeconds * 1000, cpuSeconds * 2000 + 5000, memoryMib * MIB, 64 * MIB,
                512 * MIB, 256);
    }
}
