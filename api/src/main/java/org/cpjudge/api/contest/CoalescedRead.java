package org.cpjudge.api.contest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One query of the database's current value shared by the readers that ask for it together, none of them given
 * a value read before it asked.
 *
 * <p>A reader who finds no query running starts one. A reader who finds one running cannot use it (it may have
 * begun before a write the reader already saw committed), so it waits for the next one, which begins when the
 * running one ends and serves every reader that arrived meanwhile. So at most two queries per value are in
 * flight or waiting whatever the number of readers, and a burst of readers costs two queries instead of one
 * each; a lone reader pays one query, as before.
 */
final class CoalescedRead<T> {

    /** The query; run on the thread of the reader that leads it. */
    @FunctionalInterface
    interface Query<T> {
        T run() throws Exception;
    }

    private final Query<T> query;
    private final long timeoutMillis;
    /** The query that has begun, or null. */
    private CompletableFuture<T> running;
    /** The query that begins when {@link #running} ends, or null; readers arriving now join it. */
    private CompletableFuture<T> next;

    CoalescedRead(Query<T> query, long timeoutMillis) {
        this.query = query;
        this.timeoutMillis = timeoutMillis;
    }

    /** The value, as read by a query that began after this call did. */
    T get() throws Exception {
        CompletableFuture<T> mine;
        CompletableFuture<T> before = null;
        boolean lead = true;
        synchronized (this) {
            if (running == null) {
                mine = running = new CompletableFuture<>();
            } else if (next == null) {
                mine = next = new CompletableFuture<>();
                before = running;
            } else {
                mine = next;
                lead = false;
            }
        }
        if (lead) {
            // whatever ends the lead (the query's failure, an interrupt while waiting for the query ahead), its
            // future is completed and let go: one left pending would take every later reader with it
            try {
                if (before != null) {
                    awaitQuietly(before);
                    synchronized (this) {
                        running = mine;
                        next = null;
                    }
                }
                mine.complete(query.run());
            } catch (Throwable e) {
                mine.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    if (running == mine) {
                        running = null;
                    }
                    if (next == mine) {
                        next = null;
                    }
                }
            }
        }
        try {
            return mine.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** Waits for the query ahead to end, whatever its outcome: its readers take its failure, not this one's. */
    private void awaitQuietly(CompletableFuture<T> before) throws InterruptedException {
        try {
            before.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // the next query runs anyway: a stuck one ahead must not stall the readers behind it for good
        }
    }
}
