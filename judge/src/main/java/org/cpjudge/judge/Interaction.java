package org.cpjudge.judge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cpjudge.judge.checker.CheckResult;
import org.cpjudge.judge.checker.ProgramChecker;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.TestCase;

/**
 * One interactive run: the submission and the output validator, each in its own box, talking through FIFOs
 * and two {@link PipeRelay}s between them (judge-private FIFOs; the sandbox opens a FIFO's reading end without
 * waiting for the writer, so two boxes starting at once cannot deadlock). When one side exits, the other sees
 * end of file, or a broken pipe, as with any pipe.
 *
 * <p>The verdict follows problemtools: a validator that rejected before the submission ended makes it WA,
 * whatever the submission did after (waited for input that never came, spun on, wrote into the closed pipe);
 * otherwise a submission that failed (TLE, RTE...) gets that; otherwise the validator decides. Who ended first
 * is when each closed its output, as the relays saw it on one clock. A validator that crashed is always a
 * judge error.
 */
final class Interaction {

    record Result(Verdict verdict, long timeMs, long memoryKb, Double score, String message) {
    }

    private final SubmissionRunner runner;
    private final ProgramChecker validator;

    Interaction(SubmissionRunner runner, ProgramChecker validator) {
        this.runner = runner;
        this.validator = validator;
    }

    /**
     * Runs one pass: {@code validatorBox} is reused across passes of a multi-pass problem. The two programs talk
     * through {@link PipeRelay}s, which note when each one closed its output: who ended first, on one clock.
     */
    Result run(Compilation submission, Problem problem, TestCase test, Path dir, Path validatorBox)
            throws IOException, InterruptedException {
        Path fromSubmission = fifo(dir.resolve("from-submission"));
        Path toValidator = fifo(dir.resolve("to-validator"));
        Path fromValidator = fifo(dir.resolve("from-validator"));
        Path toSubmission = fifo(dir.resolve("to-submission"));
        List<Path> fifos = List.of(fromSubmission, toValidator, fromValidator, toSubmission);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Path subDir = SubmissionRunner.freshDir(dir, "submission");
            Future<RunOutcome> sub = pool.submit(() -> runner.run(submission, problem, subDir, toSubmission,
                    fromSubmission, dir.resolve("submission.err"), test.args()));
            Future<ProgramChecker.Timed> val = pool.submit(() ->
                    validator.validateTimed(validatorBox, test, toValidator, fromValidator, dir));
            Future<Long> submissionSide = pool.submit(new PipeRelay(fromSubmission, toValidator));
            Future<Long> validatorSide = pool.submit(new PipeRelay(fromValidator, toSubmission));
            RunOutcome s = get(sub);
            ProgramChecker.Timed v = get(val);
            long submissionEnded = PipeRelay.endOf(submissionSide, fromSubmission, toValidator);
            long validatorEnded = PipeRelay.endOf(validatorSide, fromValidator, toSubmission);
            return decide(s, v.result(), validatorEnded < submissionEnded);
        } finally {
            // a relay blocked opening a FIFO does not hear an interrupt; opening the FIFOs lets any such go
            fifos.forEach(PipeRelay::release);
            pool.shutdownNow();
        }
    }

    static Result decide(RunOutcome sub, CheckResult val, boolean validatorEndedFirst) {
        Verdict verdict;
        String message = val.message();
        if (val.verdict() == Verdict.JE) {
            verdict = Verdict.JE;
        } else if (validatorEndedFirst && val.verdict() == Verdict.WA) {
            // as problemtools does: a validator that rejected and left first decides, whatever the submission
            // did after (spun on, wrote into the closed pipe, ran out its time)
            verdict = Verdict.WA;
        } else if (!sub.ranCleanly()) {
            verdict = sub.failure();
            message = sub.message();
        } else {
            verdict = val.verdict();
        }
        return new Result(verdict, sub.timeMs(), sub.memoryKb(), val.score(), message);
    }

    /** A run's result; a failure inside it comes out as the IOException it was. */
    static <T> T get(Future<T> f) throws IOException, InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /** A new FIFO only the judge (and the boxes it hands it to) can open. */
    static Path fifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).redirectErrorStream(true).start();
        if (p.waitFor() != 0) {
            throw new IOException("mkfifo failed: " + new String(p.getInputStream().readAllBytes()));
        }
        return path;
    }
}
