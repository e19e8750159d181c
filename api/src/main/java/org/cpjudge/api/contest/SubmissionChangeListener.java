package org.cpjudge.api.contest;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.cpjudge.api.db.Database;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on {@value #CHANNEL} over one connection of its own and hands each contest submission's change
 * ("&lt;submission id&gt; &lt;contest id&gt;"; a bare id is a practice submission, ignored) to a callback. A
 * broken connection is opened again; what was sent meanwhile is lost, which the boards' poll makes up for.
 */
final class SubmissionChangeListener implements AutoCloseable {

    /** Written by the trigger submissions_notify_change (V7) on every change a board cares about, by any writer. */
    public static final String CHANNEL = "submission_changes";
    private static final Logger log = LoggerFactory.getLogger(SubmissionChangeListener.class);

    private final Database db;
    private final BiConsumer<UUID, String> changed;
    private final CountDownLatch listening = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean closed;

    /** {@code changed} gets (submission id, contest id), on the listener's thread. */
    SubmissionChangeListener(Database db, BiConsumer<UUID, String> changed) {
        this.db = db;
        this.changed = changed;
        this.thread = new Thread(this::listen, "scoreboard-listener");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    boolean awaitListening(Duration timeout) throws InterruptedException {
        return listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void listen() {
        while (!closed) {
            try (Connection c = db.dedicatedConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                listening.countDown();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            received(n.getParameter());
                        }
                    }
                }
            } catch (Exception e) {
                if (!closed) {
                    log.warn("listening on {} failed ({}); boards follow by polling until it is back", CHANNEL,
                            e.toString());
                    sleep(2000);
                }
            }
        }
    }

    private void received(String payload) {
        String[] parts = payload.trim().split(" ", 2);
        if (parts.length < 2) {
            return; // a practice submission
        }
        try {
            changed.accept(UUID.fromString(parts[0]), parts[1]);
        } catch (IllegalArgumentException e) {
            log.warn("ignoring a malformed {} payload: {}", CHANNEL, payload);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
