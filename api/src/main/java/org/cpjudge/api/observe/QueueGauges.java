package org.cpjudge.api.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.cpjudge.api.queue.JobQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's depth (waiting, judging) and the age of its oldest waiting job, as gauges. A gauge is read while the
 * registry is scraped, so it only reads the last {@link JobQueue#backlog} taken; {@link #refresh} takes a new one,
 * off the event loop, at most once per {@code maxAge} however many scrapers ask. When the database cannot be read
 * the gauges say NaN (unknown) instead of repeating old numbers.
 */
public final class QueueGauges {

    private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);
    private static final JobQueue.Backlog UNKNOWN = null;

    private final JobQueue queue;
    private final long maxAgeNanos;
    private volatile JobQueue.Backlog last = UNKNOWN;
    private long readAt;
    private boolean tried;
    private boolean warned;

    public QueueGauges(JobQueue queue, MeterRegistry registry, Duration maxAge) {
        this.queue = queue;
        this.maxAgeNanos = maxAge.toNanos();
        Gauge.builder("cpjudge.queue.jobs", this, g -> g.read(b -> b.waiting()))
                .description("judge jobs waiting to be claimed").tag("state", "waiting").register(registry);
        Gauge.builder("cpjudge.queue.jobs", this, g -> g.read(b -> b.judging()))
                .description("judge jobs being judged").tag("state", "judging").register(registry);
        Gauge.builder("cpjudge.queue.oldest.age", this, g -> g.read(b -> b.oldestWaiting().toMillis() / 1000.0))
                .description("how long the oldest waiting judge job has waited").baseUnit("seconds")
                .register(registry);
    }

    private double read(java.util.function.ToDoubleFunction<JobQueue.Backlog> field) {
        JobQueue.Backlog b = last;
        return b == null ? Double.NaN : field.applyAsDouble(b);
    }

    /** Reads the queue again unless the last reading is fresher than {@code maxAge}. Blocking: JDBC. */
    public synchronized void refresh() {
        long now = System.nanoTime();
        if (tried && now - readAt < maxAgeNanos) {
            return;
        }
        // a failed reading waits its turn too: with the database gone, scrapes must not queue up behind it
        tried = true;
        readAt = now;
        try {
            last = queue.backlog();
            warned = false;
        } catch (Exception e) {
            last = UNKNOWN;
            if (!warned) {
                log.warn("the queue's depth cannot be read for /metrics: {}", e.toString());
                warned = true;
            }
        }
    }
}
