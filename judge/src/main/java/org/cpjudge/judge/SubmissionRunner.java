package org.cpjudge.judge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.sandbox.SandboxResult;
import org.cpjudge.sandbox.SandboxSpec;

/** Runs a compiled submission once, in a fresh box holding a copy of the program, under the problem's limits. */
public final class SubmissionRunner {

    private static final int PROCESSES = 64;

    private final Box box;

    public SubmissionRunner(Box box) {
        this.box = box;
    }

    /** {@code dir} is a fresh folder for this run; the box is made inside it, the streams stay outside. */
    public RunOutcome run(Compilation program, Problem problem, Path dir, Path stdin, Path stdout, Path stderr,
            List<String> args) throws IOException, InterruptedException {
        SandboxResult result = box.run(prepare(program, problem, dir, stdin, stdout, stderr, args));
        return RunOutcome.of(result, problem.timeLimitMs(), problem.memoryLimitMib() * 1024,
                problem.outputLimitBytes(), stdout, stderr);
    }

    public Box.Run prepare(Compilation program, Problem problem, Path dir, Path stdin, Path stdout, Path stderr,
            List<String> args) throws IOException {
        Path boxDir = dir.resolve("box");
        placeProgram(program, boxDir);
        return new Box.Run(argv(program, problem, args), boxDir, stdin, stdout, stderr, program.language(),
                limits(problem));
    }

    /** Copies the program into {@code boxDir}, for {@link #runInPlace}. */
    static void placeProgram(Compilation program, Path boxDir) throws IOException {
        HostFiles.copyTree(program.programDir(), boxDir);
    }

    /**
     * Runs it in {@code boxDir}, which holds the program ({@link #placeProgram}) and is left as it was: what the run
     * writes there stays in its box, so every test case of a judging runs in the same folder, seeing none of the
     * others' files, without a copy of the program and a folder made and removed per test case.
     */
    RunOutcome runInPlace(Compilation program, Problem problem, Path boxDir, Path stdin, Path stdout, Path stderr,
            List<String> args) throws IOException, InterruptedException {
        SandboxResult result = box.run(new Box.Run(argv(program, problem, args), boxDir, stdin, stdout, stderr,
                program.language(), limits(problem), true));
        return RunOutcome.of(result, problem.timeLimitMs(), problem.memoryLimitMib() * 1024,
                problem.outputLimitBytes(), stdout, stderr);
    }

    private static List<String> argv(Compilation program, Problem problem, List<String> args) {
        var argv = new ArrayList<>(program.runArgv(problem.memoryLimitMib()));
        argv.addAll(args);
        return argv;
    }

    /**
     * CPU time gets a little slack over the limit so that a run just over it is measured, not cut, and is
     * then judged by its measured time; wall time is generous since a sleeping program uses none.
     */
    static SandboxSpec.Limits limits(Problem problem) {
        long tl = problem.timeLimitMs();
        return new SandboxSpec.Limits(tl + 200, tl * 3 + 2000, problem.memoryLimitMib() * Box.MIB,
                problem.outputLimitBytes(), problem.outputLimitBytes() + 64 * Box.MIB, PROCESSES);
    }

    static Path freshDir(Path parent, String name) throws IOException {
        Path dir = parent.resolve(name);
        HostFiles.deleteTree(dir);
        return Files.createDirectories(dir);
    }
}
