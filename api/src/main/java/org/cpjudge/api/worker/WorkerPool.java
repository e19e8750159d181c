package org.cpjudge.api.worker;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.observe.JudgeMetrics;
import org.cpjudge.api.problem.ProblemCache;
import org.cpjudge.api.queue.JobQueue;
import org.cpjudge.api.queue.LeaseKeeper;
import org.cpjudge.api.queue.QueueSignal;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.SubmissionStore;
import org.cpjudge.api.store.WorkerRegistry;
import org.cpjudge.judge.Judge;
import org.cpjudge.judge.Language;
import org.cpjudge.judge.Languages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's judge workers: N threads taking from the shared queue, announcing themselves (and the
 * languages this machine offers) to the registry every few seconds.
 *
 * <p>Shutdown ({@link #close(Duration)}) is bounded: the workers take no new job, those judging get until the
 * grace period ends to finish, and whichever is still judging then hands its job back to the queue, claimable
 * at once by the next worker (here after a restart, or elsewhere), instead of leaving it to wait out its lease.
 */
public final class WorkerPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    static final int LEASE_SECONDS = JobQueue.DEFAULT_LEASE_SECONDS;
    private static final int HEARTBEAT_SECONDS = 10;
    /** How long {@link #close()} lets running jobs finish before handing them back. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private final String poolId;
    private final WorkerRegistry registry;
    private final QueueSignal signal;
    private final LeaseKeeper leases;
    private final List<JudgeWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "worker-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param leaseSeconds how long a claim lasts without renewal: how soon another worker takes over the job of
     *                     a worker that died (renewed every quarter of it while the job is judged)
     */
    public WorkerPool(Database db, Judge judge, Languages languages, Path cacheDir, int size, JudgeMetrics metrics,
            int leaseSeconds)
            throws Exception {
        this.poolId = host() + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.registry = new WorkerRegistry(db);
        JobQueue queue = new JobQueue(db, leaseSeconds);
        this.signal = new QueueSignal(db);
        this.leases = new LeaseKeeper(queue, Math.max(1, leaseSeconds / 4));
        ProblemStore problems = new ProblemStore(db);
        ProblemCache cache = new ProblemCache(problems, cacheDir);
        SubmissionStore submissions = new SubmissionStore(db);
        String languagesJson = languagesJson(languages);
        registry.heartbeat(poolId, host(), languagesJson);
        heartbeat.scheduleWithFixedDelay(() -> beat(languagesJson), HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        for (int i = 0; i < size; i++) {
            JudgeWorker w = new JudgeWorker(poolId + "/" + i, queue, signal, submissions, problems, cache, judge, leases,
                    metrics);
            Thread t = new Thread(w, "judge-worker-" + i);
            workers.add(w);
            threads.add(t);
            t.start();
        }
        log.info("{} judge workers started ({}); languages: {}", size, poolId,
                languages.installed().stream().map(Language::id).toList());
    }

    private void beat(String languagesJson) {
        try {
            registry.heartbeat(poolId, host(), languagesJson);
        } catch (Exception e) {
            log.warn("worker heartbeat failed: {}", e.toString());
        }
    }

    static String languagesJson(Languages languages) {
        JsonArray list = new JsonArray();
        for (Language l : languages.installed()) {
            list.add(new JsonObject().put("id", l.id()).put("name", l.label()).put("version", l.version())
                    .put("extensions", new JsonArray(new ArrayList<>(l.extensions()))));
        }
        return list.encode();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    /** Takes no new job from now on; the jobs being judged go on (see {@link #close(Duration)}). */
    public void stopTaking() {
        workers.forEach(JudgeWorker::stop);
        signal.close(); // wakes the idle ones
    }

    @Override
    public void close() {
        close(DEFAULT_GRACE);
    }

    /**
     * Stops the workers within about {@code grace}: running jobs may finish until then; those that have not are
     * handed back to the queue and their judging is interrupted (its result would be refused anyway).
     */
    public void close(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        stopTaking();
        joinAll(deadline);
        handBackRunning();
        joinAll(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
        handBackRunning(); // one that claimed a job just as it was told to stop
        heartbeat.shutdownNow();
        leases.close();
        try {
            registry.leave(poolId);
        } catch (Exception e) {
            log.warn("could not leave the worker registry: {}", e.toString());
        }
    }

    private void handBackRunning() {
        for (JudgeWorker w : workers) {
            if (w.busy()) {
                w.handBack();
            }
        }
    }

    private void joinAll(long deadlineNanos) {
        for (Thread t : threads) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (leftMs <= 0) {
                return;
            }
            try {
                t.join(leftMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
