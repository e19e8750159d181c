package org.cpjudge.api.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;
import org.cpjudge.api.queue.JobQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's depth (waiting, judging) and the age of its oldest waiting job, as gauges. A gauge is read while the
 * registry is scraped, so it only reads the last {@link JobQueue#backlog} taken. {@link #refresh} takes a new one
 * when the last is older than {@code maxAge}, one at a time however many scrapers ask, and waits for it a short
 * while only: a scrape is never held up by a slow or absent database, it then shows the last reading. When the
 * database could not be read the gauges say NaN (unknown) instead of repeating old numbers.
 */
public final class QueueGauges {

    private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);
    private static final long WAIT_MS = 250;

    private final JobQueue queue;
    private final long maxAgeNanos;
    // one reader thread, gone when idle: a server's gauges hold no thread between scrapes
    private final ThreadPoolExecutor reader = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "queue-gauges");
                t.setDaemon(true);
                return t;
            });
    private volatile JobQueue.Backlog last;
    private CompletableFuture<Void> reading;
    private long readAt;
    private boolean warned;

    public QueueGauges(JobQueue queue, MeterRegistry registry, Duration maxAge) {
        this.queue = queue;
        this.maxAgeNanos = maxAge.toNanos();
        Gauge.builder("cpjudge.queue.jobs", this, g -> g.value(b -> b.waiting()))
                .description("judge jobs waiting to be claimed").tag("state", "waiting").register(registry);
        Gauge.builder("cpjudge.queue.jobs", this, g -> g.value(b -> b.judging()))
                .description("judge jobs being judged").tag("state", "judging").register(registry);
        Gauge.builder("cpjudge.queue.oldest.age", this, g -> g.value(b -> b.oldestWaiting().toMillis() / 1000.0))
                .description("how long the oldest waiting judge job has waited").baseUnit("seconds")
                .register(registry);
    }

    private double value(ToDoubleFunction<JobQueue.Backlog> field) {
        JobQueue.Backlog b = last;
        return b == null ? Double.NaN : field.applyAsDouble(b);
    }

    /** Before a scrape: a new reading when the last is stale, waited for at most {@value #WAIT_MS} ms. */
    public void refresh() throws InterruptedException {
        CompletableFuture<Void> pending;
        synchronized (this) {
            long now = System.nanoTime();
            if (reading == null || (reading.isDone() && now - readAt >= maxAgeNanos)) {
                readAt = now;
                reading = CompletableFuture.runAsync(this::read, reader);
            }
            pending = reading;
        }
        try {
            pending.get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            // the scrape goes on with the last reading; this one lands for the next scrape
        } catch (java.util.concurrent.ExecutionException e) {
            // read() catches everything it expects; anything else is reported like a failed read
            last = null;
        }
    }

    private void read() {
        try {
            last = queue.backlog();
            warned = false;
        } catch (Exception e) {
            last = null;
            if (!warned) {
                log.warn("the queue's depth cannot be read for /metrics: {}", e.toString());
                warned = true;
            }
        }
    }
}
