package org.cpjudge.api.callback;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.cpjudge.api.store.CallbackStore;
import org.cpjudge.api.store.CallbackStore.DueCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers completion callbacks from the outbox, in each API process: polls for due ones, claims as many as it
 * has free senders (with {@code FOR UPDATE SKIP LOCKED} and a lease, so API processes share the work and never
 * send one callback twice at once), and for each: fixes its body on the first attempt, checks its URL again
 * ({@link CallbackPolicy}), signs and sends it ({@link CallbackSender}), and records the outcome: delivered on
 * a 2xx, else due again by the {@link RetrySchedule}, or failed after its last attempt.
 *
 * <p>Delivery is at least once: a process that dies after the receiver answered but before it recorded so
 * sends again when the lease runs out. Receivers tell repeats apart by the {@code X-Callback-Id} header.
 */
public final class CallbackDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);
    /** Longer than any one attempt takes (DNS, connect and answer timeouts): then it is someone else's. */
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 500;
    private static final int SENDERS = 4;

    /** The body of a judged submission's callback, or empty when it is not judged (a rejudge reset it). */
    @FunctionalInterface
    public interface Bodies {
        Optional<String> judged(UUID submissionId) throws SQLException;
    }

    private final String id = "api-" + UUID.randomUUID();
    private final CallbackStore store;
    private final CallbackPolicy policy;
    private final CallbackSender sender;
    private final Bodies bodies;
    private final RetrySchedule schedule;
    private final Semaphore free = new Semaphore(SENDERS);
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "callback-poll"));
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, r -> daemon(r, "callback-send"));

    public CallbackDispatcher(CallbackStore store, CallbackPolicy policy, CallbackSender sender, Bodies bodies,
                              RetrySchedule schedule) {
        this.store = store;
        this.policy = policy;
        this.sender = sender;
        this.bodies = bodies;
        this.schedule = schedule;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        poller.scheduleWithFixedDelay(this::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            int capacity = free.availablePermits();
            if (capacity == 0) {
                return;
            }
            for (DueCallback cb : store.claim(id, capacity, LEASE)) {
                free.acquireUninterruptibly();
                senders.execute(() -> {
                    try {
                        deliver(cb);
                    } catch (Exception e) {
                        // its lease runs out and it is tried again
                        log.warn("callback {} of submission {}: {}", cb.id(), cb.submissionId(), e.toString());
                    } finally {
                        free.release();
                    }
                });
            }
        } catch (Exception e) {
            // a scheduled task that throws is never run again; the database may be back by the next poll
            log.warn("claiming callbacks failed: {}", e.toString());
        }
    }

    private void deliver(DueCallback cb) throws SQLException {
        String body = cb.body();
        if (body == null) {
            Optional<String> judged = bodies.judged(cb.submissionId());
            if (judged.isEmpty()) {
                store.superseded(cb, id);
                return;
            }
            body = store.fixBody(cb.id(), judged.get());
        }
        CallbackUrl url;
        List<InetAddress> addresses;
        try {
            url = CallbackUrl.parse(cb.url());
            addresses = policy.addresses(url);
        } catch (IllegalArgumentException | CallbackNotAllowed e) {
            failed(cb, null, "not sent: " + e.getMessage());
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        CallbackSender.Outcome outcome = sender.send(url, addresses.get(0), bytes, Signature.of(bytes, cb.secret()), cb.id());
        if (outcome.delivered()) {
            store.delivered(cb, id, outcome.status());
        } else {
            failed(cb, outcome.status(), outcome.error());
        }
    }

    private void failed(DueCallback cb, Integer status, String error) throws SQLException {
        Optional<Duration> pause = schedule.after(cb.attempt());
        if (pause.isPresent()) {
            store.retryLater(cb, id, status, error, pause.get());
        } else {
            store.failed(cb, id, status, error);
            log.info("callback {} of submission {} failed after {} attempts: {}", cb.id(), cb.submissionId(),
                    cb.attempt(), error);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        senders.shutdown();
        try {
            // an attempt still sending is left to its lease: the next start (or another process) retries it
            if (!senders.awaitTermination(2, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.close();
    }
}
