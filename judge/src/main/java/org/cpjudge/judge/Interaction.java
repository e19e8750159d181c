package org.cpjudge.judge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cpjudge.judge.checker.CheckResult;
import org.cpjudge.judge.checker.ProgramChecker;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.TestCase;

/**
 * One interactive run: the submission and the output validator, each in its own box, talking through FIFOs.
 *
 * <p>The judge relays between four FIFOs (submission → judge → validator and back) rather than joining the two
 * boxes directly: each box's supervisor opens its stdin before its stdout, and two such opens facing each other
 * would wait for ever. The judge opens its writing ends read-write, which never blocks, and its reading ends
 * normally; when a side exits, its reader sees end of file and the relay closes the other side's input.
 *
 * <p>The verdict follows Kattis: a validator that rejected before the submission ended makes it WA (the
 * submission was likely waiting for input that never came); otherwise a submission that failed (TLE, RTE...)
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
        Path toSub = fifo(dir.resolve("to-submission"));
        Path fromSub = fifo(dir.resolve("from-submission"));
        Path toVal = fifo(dir.resolve("to-validator"));
        Path fromVal = fifo(dir.resolve("from-validator"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicLong submissionEnd = new AtomicLong(Long.MAX_VALUE);
        AtomicLong validatorEnd = new AtomicLong(Long.MAX_VALUE);
        Relay toValidator = new Relay(fromSub, toVal);
        Relay toSubmission = new Relay(fromVal, toSub);
        try {
            Future<?> relayOut = pool.submit(toValidator);
            Future<?> relayIn = pool.submit(toSubmission);
            Path subDir = SubmissionRunner.freshDir(dir, "submission");
            Future<RunOutcome> sub = pool.submit(() -> {
                try {
                    return runner.run(submission, problem, subDir, toSub, fromSub, dir.resolve("submission.err"),
                            test.args());
                } finally {
                    submissionEnd.set(System.nanoTime());
                    Relay.releaseOpen(fromSub);
                    toSubmission.stop();
                }
            });
            Future<CheckResult> val = pool.submit(() -> {
                try {
                    return validator.validate(validatorBox, test, toVal, fromVal, dir);
                } finally {
                    validatorEnd.set(System.nanoTime());
                    Relay.releaseOpen(fromVal);
                    toValidator.stop();
                }
            });
            RunOutcome s = get(sub);
            CheckResult v = get(val);
            waitQuietly(relayOut);
            waitQuietly(relayIn);
            return decide(s, v, validatorEnd.get() < submissionEnd.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void waitQuietly(Future<?> relay) throws InterruptedException {
        try {
            relay.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // a relay cut short by stop() has nothing left to say
        }
    }

    static Result decide(RunOutcome sub, CheckResult val, boolean validatorEndedFirst) {
        Verdict verdict;
        String message = val.message();
        if (val.verdict() == Verdict.JE) {
            verdict = Verdict.JE;
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

    private static <T> T get(Future<T> f) throws IOException, InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * Copies one direction, from a side's stdout FIFO to the other side's stdin FIFO. Its writing end is opened
     * read-write, which never blocks; when its reader is gone, {@link #stop} closes it, which also wakes a
     * write blocked on a full pipe.
     */
    private static final class Relay implements java.util.concurrent.Callable<Void> {
        private final Path from;
        private final Path to;
        private FileChannel out;
        private boolean stopped;

        Relay(Path from, Path to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public Void call() throws IOException {
            synchronized (this) {
                if (stopped) {
                    return null;
                }
                out = FileChannel.open(to, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(8192);
                while (in.read(buffer) > 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    buffer.clear();
                }
            } finally {
                stop();
            }
            return null;
        }

        synchronized void stop() {
            stopped = true;
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // closing is all we wanted
                }
            }
        }

        /** Lets a relay still waiting to open {@code fifo} for reading go on; it then reads end of file. */
        static void releaseOpen(Path fifo) {
            try (FileChannel ignored = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // opening a writer is all it takes
            } catch (IOException ignored) {
                // nothing waits
            }
        }
    }

    private static Path fifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).redirectErrorStream(true).start();
        if (p.waitFor() != 0) {
            throw new IOException("mkfifo failed: " + new String(p.getInputStream().readAllBytes()));
        }
        return path;
    }
}
