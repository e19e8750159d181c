package org.cpjudge.api.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.cpjudge.api.TestDatabaseAccess;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.queue.JobQueue;
import org.junit.jupiter.api.Test;

/**
 * The queue gauges on a real database: an empty queue reads as zeros; once the database is gone they say NaN
 * (unknown) and a scrape is not held up waiting for it. (A waiting job's count and age: ObservabilityTest.)
 */
class QueueGaugesTest {

    @Test
    void anEmptyQueueIsZeroAndAGoneDatabaseIsUnknownWithoutHoldingTheScrape() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        Database db = TestDatabaseAccess.freshDatabase();
        QueueGauges gauges = new QueueGauges(new JobQueue(db, JobQueue.DEFAULT_LEASE_SECONDS), registry,
                Duration.ofMillis(50));
        assertTrue(Double.isNaN(waiting(registry)), "nothing read yet: unknown, not zero");

        // a scrape waits for a reading only briefly: on a busy machine it may land for a later one
        for (long deadline = System.nanoTime() + 20_000_000_000L;
             Double.isNaN(waiting(registry)) && System.nanoTime() < deadline; Thread.sleep(60)) {
            gauges.refresh();
        }
        assertEquals(0, waiting(registry));
        assertEquals(0, registry.get("cpjudge.queue.jobs").tag("state", "judging").gauge().value());
        assertEquals(0, registry.get("cpjudge.queue.oldest.age").gauge().value());

        db.close();
        long slowest = 0;
        for (long deadline = System.nanoTime() + 20_000_000_000L;
             !Double.isNaN(waiting(registry)) && System.nanoTime() < deadline; Thread.sleep(60)) {
            long start = System.nanoTime();
            gauges.refresh();
            slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
        }
        assertTrue(Double.isNaN(waiting(registry)), "the database is gone: " + waiting(registry));
        assertTrue(slowest < 2000, "a scrape waited " + slowest + " ms for the database");
    }

    private static double waiting(MeterRegistry registry) {
        return registry.get("cpjudge.queue.jobs").tag("state", "waiting").gauge().value();
    }
}
