package org.cpjudge.api.worker;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cpjudge.api.problem.ProblemCache;
import org.cpjudge.api.store.JobQueue;
import org.cpjudge.api.store.JudgeTask;
import org.cpjudge.api.store.JudgedTest;
import org.cpjudge.api.store.Judgement;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.StoredProblem;
import org.cpjudge.api.store.SubmissionStore;
import org.cpjudge.judge.Judge;
import org.cpjudge.judge.JudgeListener;
import org.cpjudge.judge.JudgeResult;
import org.cpjudge.judge.SourceFile;
import org.cpjudge.judge.Submission;
import org.cpjudge.judge.TestCaseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One judge worker: claims a job, judges the submission, writes the verdict and per-test results back in one
 * transaction, and takes the next. A job that already failed to finish {@link #MAX_ATTEMPTS} times (its workers
 * died judging it) is given JE instead of being tried forever.
 */
final class JudgeWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(JudgeWorker.class);
    static final int MAX_ATTEMPTS = 3;
    private static final long POLL_MS = 2000;

    private final String id;
    private final JobQueue queue;
    private final QueueSignal signal;
    private final SubmissionStore submissions;
    private final ProblemStore problems;
    private final ProblemCache cache;
    private final Judge judge;
    private final LeaseKeeper leases;
    private final List<String> languages;
    private volatile boolean stopping;

    JudgeWorker(String id, JobQueue queue, QueueSignal signal, SubmissionStore submissions, ProblemStore problems,
                ProblemCache cache, Judge judge, LeaseKeeper leases) {
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

    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                Optional<JudgeTask> task = queue.claim(id, languages);
                if (task.isPresent()) {
                    handle(task.get());
                } else {
                    signal.await(POLL_MS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
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
        Judgement judgement;
        try {
            judgement = task.attempt() > MAX_ATTEMPTS
                    ? judgeError("the judge failed to finish this submission " + MAX_ATTEMPTS + " times")
                    : judge(task);
        } finally {
            leases.release(task.jobId());
        }
        boolean written = submissions.complete(task.jobId(), id, task.submissionId(), judgement);
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (written) {
            log.info("judged submission={} problem={} language={} verdict={} time_ms={} judging_ms={}",
                    task.submissionId(), task.problemId(), task.language(), judgement.verdict(), judgement.timeMs(), ms);
        } else {
            log.warn("submission={} was judged after this worker lost its lease; the result was dropped for the"
                    + " other worker's", task.submissionId());
        }
    }

    private Judgement judge(JudgeTask task) {
        UUID submissionId = task.submissionId();
        try {
            StoredProblem stored = problems.find(task.problemId())
                    .orElseThrow(() -> new IllegalStateException("problem " + task.problemId() + " is gone"));
            var problem = cache.get(stored);
            JudgeResult result = judge.judge(problem, new Submission(task.language(), files(task.filesJson())),
                    new StatusUpdates(submissionId), task.runAllTests());
            return toJudgement(result);
        } catch (Exception e) {
            log.error("judging submission={} failed", submissionId, e);
            return judgeError("the judge failed: " + e.getMessage());
        }
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
            tests.add(new JudgedTest(t.name(), t.verdict().name(), Math.toIntExact(t.timeMs()),
                    Math.toIntExact(t.memoryKb()), t.score(), t.outputSha256()));
        }
        return new Judgement(r.verdict().name(), r.score(), Math.toIntExact(r.timeMs()), Math.toIntExact(r.memoryKb()),
                r.compileOutput(), tests, r.subtasks());
    }

    private static Judgement judgeError(String why) {
        return new Judgement("JE", null, 0, 0, why, List.of());
    }

    /** Writes 'compiling' and 'running' as the judge reaches them; a failed write only delays the status. */
    private final class StatusUpdates implements JudgeListener {
        private final UUID submissionId;

        StatusUpdates(UUID submissionId) {
            this.submissionId = submissionId;
        }

        @Override
        public void compiling() {
            update("compiling");
        }

        @Override
        public void running() {
            update("running");
        }

        private void update(String status) {
            try {
                submissions.setStatus(submissionId, status);
            } catch (Exception e) {
                log.warn("could not mark submission={} {}: {}", submissionId, status, e.toString());
            }
        }
    }
}
