package org.cpjudge.judge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cpjudge.judge.checker.CheckResult;
import org.cpjudge.judge.checker.Checker;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.TestCase;
import org.cpjudge.sandbox.SandboxResult;
import org.cpjudge.sandbox.SandboxResult.Outcome;

/**
 * One interactive run of a Polygon problem: testlib's interactor, run as {@code interactor input output answer}
 * with its standard input and output joined to the submission's through FIFOs (as {@link Interaction} joins a
 * Kattis validator), writes {@code output}; the checker then checks that as any output
 * ({@code checker input output answer}).
 *
 * <p>The interactor's exit code is testlib's: 0 OK, 1 WA, 2 PE (a wrong answer here), 3 FAIL (its own failure,
 * a judge error), 4 (dirt), 8 (unexpected end of file) the submission's fault too, 7 points. Who is to blame when
 * both sides fail follows the one rule of {@link Interaction#decide}: the interactor's WA counts when it ended
 * first, unless the submission ran over its CPU time; else the submission's own failure counts; only when the
 * run got through both does the checker speak. Who ended first is seen by {@link PipeRelay}s carrying the two
 * directions of the conversation, not guessed from the boxes' clocks.
 */
final class TestlibInteraction {

    private static final long INTERACTOR_SECONDS = 60;
    private static final long INTERACTOR_MEMORY_MIB = 2048;
    private static final int MAX_MESSAGE = 64 * 1024;
    private static final int MAX_OUTPUT = 256 << 20;
    private static final int SIGPIPE = 13;

    private final Box box;
    private final SubmissionRunner runner;
    private final Compilation interactor;
    private final Checker checker;

    TestlibInteraction(Box box, SubmissionRunner runner, Compilation interactor, Checker checker) {
        this.box = box;
        this.runner = runner;
        this.interactor = interactor;
        this.checker = checker;
    }

    TestCaseResult run(Compilation submission, Problem problem, TestCase test, Path dir)
            throws IOException, InterruptedException {
        Path fromSubmission = Interaction.fifo(dir.resolve("from-submission"));
        Path toInteractor = Interaction.fifo(dir.resolve("to-interactor"));
        Path fromInteractor = Interaction.fifo(dir.resolve("from-interactor"));
        Path toSubmission = Interaction.fifo(dir.resolve("to-submission"));
        Path boxDir = prepareBox(test, SubmissionRunner.freshDir(dir, "interactor"));
        Path interactorErr = dir.resolve("interactor.err");
        Path subDir = SubmissionRunner.freshDir(dir, "submission");
        List<String> argv = new ArrayList<>(interactor.runArgv(INTERACTOR_MEMORY_MIB));
        argv.addAll(List.of("input", "output", "answer"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        RunOutcome s;
        SandboxResult i;
        long submissionEnded;
        long interactorEnded;
        List<Path> fifos = List.of(fromSubmission, toInteractor, fromInteractor, toSubmission);
        try {
            Future<RunOutcome> sub = pool.submit(() -> runner.run(submission, problem, subDir, toSubmission,
                    fromSubmission, dir.resolve("submission.err"), test.args()));
            Future<SandboxResult> inter = pool.submit(() -> box.run(new Box.Run(argv, boxDir, toInteractor,
                    fromInteractor, interactorErr, interactor.language(),
                    Box.toolLimits(INTERACTOR_SECONDS, INTERACTOR_MEMORY_MIB))));
            Future<Long> submissionSide = pool.submit(new PipeRelay(fromSubmission, toInteractor));
            Future<Long> interactorSide = pool.submit(new PipeRelay(fromInteractor, toSubmission));
            s = Interaction.get(sub);
            i = Interaction.get(inter);
            submissionEnded = PipeRelay.endOf(submissionSide, fromSubmission, toInteractor);
            interactorEnded = PipeRelay.endOf(interactorSide, fromInteractor, toSubmission);
        } finally {
            // a relay blocked opening a FIFO does not hear an interrupt; opening the FIFOs lets any such go
            fifos.forEach(PipeRelay::release);
            pool.shutdownNow();
        }
        CheckResult said = interactorSaid(i, HostFiles.readText(interactorErr, MAX_MESSAGE).strip());
        Interaction.Result decided = Interaction.decide(s, said, interactorEnded < submissionEnded);
        if (decided.verdict() != Verdict.AC) {
            return new TestCaseResult(test.name(), decided.verdict(), s.timeMs(), s.memoryKb(), null,
                    decided.message());
        }
        // What the interactor wrote for the checker; read as a regular file only, never through a planted link.
        Path output = dir.resolve("output");
        Files.write(output, HostFiles.readRegular(boxDir.resolve("output"), MAX_OUTPUT));
        CheckResult check = checker.check(test, output, dir.resolve("check"));
        return new TestCaseResult(test.name(), check.verdict(), s.timeMs(), s.memoryKb(), check.score(),
                check.message());
    }

    /**
     * When a side ended, by its relay; both boxes have finished, so a relay still waiting is one whose box never
     * opened its end (a sandbox failure, judged by that run's own result): it is let go.
     */
    /** The interactor's verdict by testlib's exit codes; AC means "ask the checker". */
    static CheckResult interactorSaid(SandboxResult r, String stderr) {
        if (r.outcome() == Outcome.SIGNALED && r.signal() == SIGPIPE) {
            // it wrote to a submission that had stopped reading: the submission's doing
            return CheckResult.wrong("the submission stopped reading: " + stderr);
        }
        if (r.outcome() != Outcome.EXITED) {
            return CheckResult.judgeError("interactor failed: " + r.outcome()
                    + (r.signal() != 0 ? " signal " + r.signal() : "") + " " + r.message());
        }
        return switch (r.exitCode()) {
            case 0, 7 -> new CheckResult(Verdict.AC, null, stderr);
            case 1, 2, 4, 8 -> CheckResult.wrong(stderr);
            default -> CheckResult.judgeError("interactor failed (exit " + r.exitCode() + "): " + stderr);
        };
    }

    /** The interactor's box: its program, the input and the answer; it writes {@code output} there. */
    private Path prepareBox(TestCase test, Path scratch) throws IOException {
        Path boxDir = scratch.resolve("box");
        HostFiles.copyTree(interactor.programDir(), boxDir);
        HostFiles.copyFile(test.input(), boxDir.resolve("input"));
        HostFiles.copyFile(test.answer(), boxDir.resolve("answer"));
        return boxDir;
    }
}
