package org.cpjudge.api.queue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.Notifications;

/**
 * Wakes idle workers when a job is queued: one connection LISTENs for the NOTIFY sent by the submitting
 * transaction. Workers also wake on their own every poll interval, so a lost notification (or a broken
 * listening connection) delays a job by at most that long.
 */
public final class QueueSignal implements AutoCloseable {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Notifications listener;
    private volatile boolean closed;
    private long generation;

    public QueueSignal(Database db) {
        this.listener = new Notifications(db, JobQueue.CHANNEL, payload -> signalAll());
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

    @Override
    public void close() {
        closed = true;
        signalAll();
        listener.close();
    }
}
