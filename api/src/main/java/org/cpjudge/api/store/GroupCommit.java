package org.cpjudge.api.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.cpjudge.api.db.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for submissions: the ones that arrive while a transaction is being written wait for the next one
 * and are stored together, in one transaction with one WAL flush, by a single writer thread. Each caller still
 * returns only after its own submission is committed (the 202 stays durable); what it saves is a commit, and the
 * flush under it, per submission. Under light load a group is one submission and nothing waits; under heavy load
 * the groups grow with the time a commit takes, so throughput follows the disk's flush rate times the group size.
 *
 * <p>A group refused as a whole (one item violating a constraint, say) is retried item by item, so each caller
 * gets its own submission's outcome and no other's; a group whose connection was lost is not (its commit may
 * have happened), and every caller in it gets the failure.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    /** Enough to make a commit cheap per item, small enough that one transaction stays short. */
    static final int MAX_GROUP = 256;

    /** Stores a group in one transaction, the ids in the group's order. */
    @FunctionalInterface
    interface Writer {
        List<UUID> write(List<SubmissionStore.Queued> group) throws SQLException;
    }

    private record Waiting(SubmissionStore.Queued submission, CompletableFuture<UUID> stored) {
    }

    private final Writer writer;
    private final BlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    GroupCommit(Writer writer) {
        this.writer = writer;
        this.thread = new Thread(this::run, "submission-group-commit");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stores the submission in the next group, and returns its id once that group is committed. */
    UUID store(SubmissionStore.Queued submission) throws SQLException {
        if (closed) {
            throw new IllegalStateException("the submission writer is closed");
        }
        Waiting w = new Waiting(submission, new CompletableFuture<>());
        waiting.add(w);
        if (closed && waiting.remove(w)) {
            // closed meanwhile, and the writer had not taken it: it was never stored
            throw new IllegalStateException("the submission writer is closed");
        }
        try {
            return w.stored().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // the group may still commit it: the caller cannot tell, exactly as with a connection lost at commit
            throw new SQLException("interrupted while the submission was being stored", "08006", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    private void run() {
        List<Waiting> group = new ArrayList<>(MAX_GROUP);
        while (!closed || !waiting.isEmpty()) {
            try {
                Waiting first = waiting.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                waiting.drainTo(group, MAX_GROUP - 1);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable t) {
                // nothing may leave a caller waiting for ever
                group.forEach(w -> w.stored().completeExceptionally(t));
                log.error("storing a group of {} submissions failed", group.size(), t);
            } finally {
                group.clear();
            }
        }
        Waiting left;
        while ((left = waiting.poll()) != null) {
            left.stored().completeExceptionally(new IllegalStateException("the submission writer was closed"));
        }
    }

    private void commit(List<Waiting> group) {
        try {
            List<UUID> ids = writer.write(group.stream().map(Waiting::submission).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).stored().complete(ids.get(i));
            }
        } catch (SQLException | RuntimeException e) {
            // a lost connection may have lost only the commit's answer, not the commit: writing the items again
            // could store them twice, so each caller is told of the failure as it would be alone (a 503 whose
            // retry an Idempotency-Key makes safe)
            if (group.size() == 1 || DatabaseOutage.causedBy(e)) {
                group.forEach(w -> w.stored().completeExceptionally(e));
                return;
            }
            // a refused transaction was rolled back: one bad item must not cost the others theirs, so each alone
            for (Waiting w : group) {
                try {
                    w.stored().complete(writer.write(List.of(w.submission())).get(0));
                } catch (SQLException | RuntimeException alone) {
                    w.stored().completeExceptionally(alone);
                }
            }
        }
    }

    /** Stops taking submissions; the ones already waiting are still written, then the writer ends. */
    @Override
    public void close() {
        closed = true;
    }
}
