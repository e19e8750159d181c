package org.cpjudge.api.worker;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.nio.file.Path;
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
 */
public final class WorkerPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    static final int LEASE_SECONDS = JobQueue.DEFAULT_LEASE_SECONDS;
    private static final int HEARTBEAT_SECONDS = 10;

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

    public WorkerPool(Database db, Judge judge, Languages languages, Path cacheDir, int size, JudgeMetrics metrics)
            throws Exception {
        this.poolId = host() + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.registry = new WorkerRegistry(db);
        JobQueue queue = new JobQueue(db, LEASE_SECONDS);
        this.signal = new QueueSignal(db);
        this.leases = new LeaseKeeper(queue, LEASE_SECONDS / 4);
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

    @Override
    public void close() {
        workers.forEach(JudgeWorker::stop);
        signal.close();
        for (Thread t : threads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        heartbeat.shutdownNow();
        leases.close();
        try {
            registry.leave(poolId);
        } catch (Exception e) {
            log.warn("could not leave the worker registry: {}", e.toString());
        }
    }
}
