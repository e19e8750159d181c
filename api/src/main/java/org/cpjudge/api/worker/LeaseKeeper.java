package org.cpjudge.api.worker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cpjudge.api.store.JobQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renews the leases of the jobs this process's workers are judging, well before they run out. */
final class LeaseKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final JobQueue queue;
    private final Map<Long, String> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-keeper");
        t.setDaemon(true);
        return t;
    });

    LeaseKeeper(JobQueue queue, int renewEverySeconds) {
        this.queue = queue;
        timer.scheduleWithFixedDelay(this::renewAll, renewEverySeconds, renewEverySeconds, TimeUnit.SECONDS);
    }

    void hold(long jobId, String workerId) {
        held.put(jobId, workerId);
    }

    void release(long jobId) {
        held.remove(jobId);
    }

    private void renewAll() {
        held.forEach((jobId, workerId) -> {
            try {
                if (!queue.renew(jobId, workerId)) {
                    log.warn("worker {} lost the lease of job {}", workerId, jobId);
                }
            } catch (Exception e) {
                log.warn("renewing the lease of job {} failed: {}", jobId, e.toString());
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
