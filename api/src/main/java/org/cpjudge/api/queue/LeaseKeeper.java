package org.cpjudge.api.queue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The heartbeat of claimed jobs: renews the leases of the jobs this process's workers are judging, well before they run out. */
public final class LeaseKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final JobQueue queue;
    private final Map<Long, String> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-keeper");
        t.setDaemon(true);
        return t;
    });

    public LeaseKeeper(JobQueue queue, int renewEverySeconds) {
        this.queue = queue;
        timer.scheduleWithFixedDelay(this::renewAll, renewEverySeconds, renewEverySeconds, TimeUnit.SECONDS);
    }

    public void hold(long jobId, String workerId) {
        held.put(jobId, workerId);
    }

    public void release(long jobId) {
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
