package org.cpjudge.api.queue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.cpjudge.api.db.Database;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes idle workers when a job is queued: one connection LISTENs for the NOTIFY sent by the submitting
 * transaction. Workers also wake on their own every poll interval, so a lost notification (or a broken
 * listening connection) delays a job by at most that long.
 */
public final class QueueSignal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueueSignal.class);

    private final Database db;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Thread listener;
    private volatile boolean closed;
    private long generation;

    public QueueSignal(Database db) {
        this.db = db;
        this.listener = new Thread(this::listen, "queue-listener");
        this.listener.setDaemon(true);
        this.listener.start();
    }

    /** Waits for a notification or the timeout, whichever comes first. */
    public void await(long timeoutMs) throws InterruptedException {
        lock.lock();
        try {
            long seen = generation;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (generation == seen && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                queued.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private void signalAll() {
        lock.lock();
        try {
            generation++;
            queued.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void listen() {
        while (!closed) {
            try (Connection c = db.dedicatedConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + JobQueue.CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    var notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        signalAll();
                    }
                }
            } catch (Exception e) {
                if (!closed) {
                    log.warn("listening for queued jobs failed ({}); workers fall back to polling", e.toString());
                    sleepQuietly(5000);
                }
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        signalAll();
        listener.interrupt();
    }
}
