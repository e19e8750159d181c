package org.cpjudge.judge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.cpjudge.judge.checker.CheckResult;
import org.cpjudge.judge.checker.ProgramChecker;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.TestCase;

/**
 * One interactive run: the submission and the output validator, each in its own box, talking through FIFOs.
 *
 * <p>Two FIFOs in a judge-private folder join the boxes directly; the sandbox opens a FIFO's reading end
 * without waiting for the writer, so the two boxes starting at once cannot deadlock. When one side exits,
 * the other sees end of file (or a broken pipe), as with any pipe.
 *
 * <p>The verdict follows Kattis: a validator that rejected before the submission ended makes it WA (the
 * submission was likely waiting for input that never came), unless the submission ran over its CPU time (it was
 * computing, not waiting: TLE); otherwise a submission that failed (TLE, RTE...)
 * gets that; otherwise the validator decides. A validator that crashed is always a judge error.
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

    /** Runs one pass: {@code validatorBox} is reused across passes of a multi-pass problem. */
    Result run(Compilation submission, Problem problem, TestCase test, Path dir, Path validatorBox)
            throws IOException, InterruptedException {
        Path toSubmission = fifo(dir.resolve("to-submission"));
        Path toValidator = fifo(dir.resolve("to-validator"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // Each side's end is its start plus the wall time the sandbox measured: when a run returns also
        // depends on how long its box takes to tear down, which would blur who ended first.
        AtomicLong submissionStart = new AtomicLong();
        AtomicLong validatorStart = new AtomicLong();
        try {
            Path subDir = SubmissionRunner.freshDir(dir, "submission");
            Future<RunOutcome> sub = pool.submit(() -> {
                submissionStart.set(System.nanoTime());
                return runner.run(submission, problem, subDir, toSubmission, toValidator,
                        dir.resolve("submission.err"), test.args());
            });
            Future<ProgramChecker.Timed> val = pool.submit(() -> {
                validatorStart.set(System.nanoTime());
                return validator.validateTimed(validatorBox, test, toValidator, toSubmission, dir);
            });
            RunOutcome s = get(sub);
            ProgramChecker.Timed v = get(val);
            long submissionEnd = submissionStart.get() + s.wallTimeMs() * 1_000_000;
            long validatorEnd = validatorStart.get() + v.wallTimeMs() * 1_000_000;
            return decide(s, v.result(), validatorEnd < submissionEnd);
        } finally {
            pool.shutdownNow();
        }
    }

    static Result decide(RunOutcome sub, CheckResult val, boolean validatorEndedFirst) {
        Verdict verdict;
        String message = val.message();
        if (val.verdict() == Verdict.JE) {
            verdict = Verdict.JE;
        } else if (sub.failure() == Verdict.TLE && sub.overCpuLimit()) {
            // it spent its time computing, not waiting for an answer: who ended first is only noise then
            // (a loaded machine tears the killed box down late)
            verdict = Verdict.TLE;
            message = sub.message();
        } else if (validatorEndedFirst && val.verdict() == Verdict.WA) {
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
