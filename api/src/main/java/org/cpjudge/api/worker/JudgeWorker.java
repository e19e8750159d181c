package org.cpjudge.api.worker;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpjudge.api.observe.JudgeMetrics;
import org.cpjudge.api.observe.SubmissionLog;
import org.cpjudge.api.problem.ProblemCache;
import org.cpjudge.api.queue.FailurePolicy;
import org.cpjudge.api.queue.JobQueue;
import org.cpjudge.api.queue.JudgeTask;
import org.cpjudge.api.db.DatabaseOutage;
import org.cpjudge.api.queue.LeaseKeeper;
import org.cpjudge.api.queue.QueueSignal;
import org.cpjudge.api.store.JudgedTest;
import org.cpjudge.api.store.Judgement;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.StoredProblem;
import org.cpjudge.api.store.SubmissionStore;
import org.cpjudge.judge.Judge;
import org.cpjudge.judge.JudgeListener;
import org.cpjudge.judge.JudgeResult;
import org.cpjudge.judge.SourceFile;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Submission;
import org.cpjudge.judge.TestCaseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One judge worker: claims a job from the queue, judges the submission, completes the job (the verdict and
 * per-test results written in one transaction), and takes the next. What to do with a job whose judging failed
 * (retry later, or JE) is the queue's {@link FailurePolicy}.
 */
final class JudgeWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(JudgeWorker.class);
    private static final long POLL_MS = 2000;
    /** Pauses between tries to write a verdict while the database is unreachable: doubling, up to the last. */
    private static final long VERDICT_RETRY_FIRST_MS = 100;
    private static final long VERDICT_RETRY_MAX_MS = 2000;

    private final String id;
    private final JobQueue queue;
    private final QueueSignal signal;
    private final SubmissionStore submissions;
    private final ProblemStore problems;
    private final ProblemCache cache;
    private final Judge judge;
    private final LeaseKeeper leases;
    private final FailurePolicy failures = new FailurePolicy();
    private final List<String> languages;
    private final JudgeMetrics metrics;
    private volatile boolean stopping;
    /** The job being judged now, or null: what a shutdown hands back when it cannot wait for it. */
    private volatile JudgeTask current;
    private volatile Thread thread;

    JudgeWorker(String id, JobQueue queue, QueueSignal signal, SubmissionStore submissions, ProblemStore problems,
                ProblemCache cache, Judge judge, LeaseKeeper leases, JudgeMetrics metrics) {
        this.metrics = metrics;
        this.languages = judge.languages().installed().stream().map(l -> l.id()).toList();
        this.id = id;
        this.queue = queue;
        this.signal = signal;
        this.submissions = submissions;
        this.problems = problems;
        this.cache = cache;
        this.judge = judge;
        this.leases = leases;
    }

    /** Takes no new job; the one being judged is finished (or handed back by {@link #handBack}). */
    void stop() {
        stopping = true;
    }

    /** Whether it is judging a job now. */
    boolean busy() {
        return current != null;
    }

    /**
     * Returns the job it is judging to the queue at once, claimable by any worker (a shutdown that cannot wait
     * for it, rather than leaving it to wait out its lease), and interrupts the judging, whose result the queue
     * will refuse (this worker no longer holds the job).
     */
    void handBack() {
        JudgeTask task = current;
        if (task == null) {
            return;
        }
        try {
            if (queue.handBack(task.jobId(), id)) {
                submissions.setStatus(task.submissionId(), SubmissionStatus.QUEUED);
                log.info("submission={} was handed back to the queue at shutdown", task.submissionId());
            }
        } catch (Exception e) {
            log.warn("could not hand back submission={}; it is judged again when its lease runs out: {}",
                    task.submissionId(), e.toString());
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        while (!stopping) {
            try {
                Optional<JudgeTask> task = queue.claim(id, languages);
                if (task.isPresent()) {
                    current = task.get();
                    // every line while this job is handled (the judge's and the sandbox's too) names its submission
                    try (var scope = SubmissionLog.scope(task.get().submissionId())) {
                        handle(task.get());
                    } finally {
                        current = null;
                    }
                } else {
                    signal.await(POLL_MS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (stopping) {
                    return; // a judging interrupted at shutdown: its job was handed back
                }
                log.error("worker {} failed; it goes on after a pause", id, e);
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void handle(JudgeTask task) throws Exception {
        long started = System.nanoTime();
        leases.hold(task.jobId(), id);
        Optional<Judgement> outcome;
        boolean written;
        try {
            outcome = judgeOrFail(task);
            if (outcome.isEmpty()) {
                return;
            }
            // the lease is still held (and renewed) while the verdict waits for the database
            written = writeVerdict(task, outcome.get());
        } finally {
            leases.release(task.jobId());
        }
        Judgement judgement = outcome.get();
        long judgingNanos = System.nanoTime() - started;
        long ms = judgingNanos / 1_000_000;
        if (written) {
            metrics.judged(judgement.verdict(), task.priority(), task.waited(),
                    task.waited().plusNanos(judgingNanos));
            log.info("judged submission={} problem={} language={} class={} verdict={} time_ms={} judging_ms={}",
                    task.submissionId(), task.problemId(), task.language(), task.priority(), judgement.verdict(),
                    judgement.timeMs(), ms);
        } else {
            log.warn("submission={} was judged after this worker lost its lease; the result was dropped for the"
                    + " other worker's", task.submissionId());
        }
    }

    /**
     * Completes the job with its judgement, trying again while PostgreSQL is unreachable: a verdict judged during
     * an outage is written when the database is back, instead of being thrown away and judged again once the
     * lease runs out. Gives up (and leaves the job to its lease) when the outage outlasts the lease, or at
     * shutdown. True when written, false when the job was no longer this worker's.
     */
    private boolean writeVerdict(JudgeTask task, Judgement judgement) throws Exception {
        long giveUpAt = System.nanoTime() + queue.lease().toNanos();
        long pauseMs = VERDICT_RETRY_FIRST_MS;
        while (true) {
            try {
                return queue.complete(task.jobId(), id, judgement);
            } catch (SQLException | RuntimeException e) {
                if (!DatabaseOutage.causedBy(e) || stopping || System.nanoTime() + pauseMs * 1_000_000L > giveUpAt) {
                    throw e;
                }
                DatabaseOutage.report("writing the verdict of submission=" + task.submissionId(), e);
                Thread.sleep(pauseMs);
                pauseMs = Math.min(pauseMs * 2, VERDICT_RETRY_MAX_MS);
            }
        }
    }

    /** The judgement to write, or empty when the job went back to the queue to be tried again later. */
    private Optional<Judgement> judgeOrFail(JudgeTask task) throws SQLException {
        FailurePolicy.GiveUp exhausted = failures.beforeJudging(task);
        if (exhausted != null) {
            return Optional.of(exhausted.judgement());
        }
        try {
            return Optional.of(judge(task));
        } catch (Exception e) {
            FailurePolicy.Decision decision = failures.afterFailure(task, e);
            if (decision instanceof FailurePolicy.RetryAfter retry) {
                log.warn("judging submission={} failed on claim {}; it is tried again in {}: {}",
                        task.submissionId(), task.attempt(), retry.pause(), e.toString());
                if (queue.retryLater(task.jobId(), id, retry.pause())) {
                    submissions.setStatus(task.submissionId(), SubmissionStatus.QUEUED);
                }
                return Optional.empty();
            }
            log.error("judging submission={} failed on claim {}; it gets JE", task.submissionId(), task.attempt(), e);
            return Optional.of(((FailurePolicy.GiveUp) decision).judgement());
        }
    }

    private Judgement judge(JudgeTask task) throws Exception {
        UUID submissionId = task.submissionId();
        StoredProblem stored = problems.find(task.problemId())
                .orElseThrow(() -> new IllegalStateException("problem " + task.problemId() + " is gone"));
        var problem = cache.get(stored);
        // a sandbox failure is thrown, not made a JE: the failure policy tries the job again
        JudgeResult result = judge.judgeUnlessSandboxFails(problem,
                new Submission(task.language(), files(task.filesJson())), new StatusUpdates(submissionId),
                task.runAllTests());
        return toJudgement(result);
    }

    private static List<SourceFile> files(String json) {
        List<SourceFile> files = new ArrayList<>();
        for (Object o : new JsonArray(json)) {
            JsonObject f = (JsonObject) o;
            files.add(new SourceFile(f.getString("name"), f.getString("content")));
        }
        return files;
    }

    private static Judgement toJudgement(JudgeResult r) {
        List<JudgedTest> tests = new ArrayList<>();
        for (TestCaseResult t : r.testcases()) {
            tests.add(new JudgedTest(t.name(), t.verdict(), Math.toIntExact(t.timeMs()),
                    Math.toIntExact(t.memoryKb()), t.score(), t.outputSha256()));
        }
        return new Judgement(r.verdict(), r.score(), Math.toIntExact(r.timeMs()), Math.toIntExact(r.memoryKb()),
                r.compileOutput(), tests, r.subtasks());
    }

    /** Writes 'compiling' and 'running' as the judge reaches them; a failed write only delays the status. */
    private final class StatusUpdates implements JudgeListener {
        private final UUID submissionId;

        StatusUpdates(UUID submissionId) {
            this.submissionId = submissionId;
        }

        @Override
        public void compiling() {
            update(SubmissionStatus.COMPILING);
        }

        @Override
        public void running() {
            update(SubmissionStatus.RUNNING);
        }

        private void update(SubmissionStatus status) {
            try {
                submissions.setStatus(submissionId, status);
            } catch (Exception e) {
                log.warn("could not mark submission={} {}: {}", submissionId, status.wire(), e.toString());
            }
        }
    }
}
