package org.cpjudge.api.db;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on one PostgreSQL channel over a connection of its own (outside the pool) and hands each payload to a
 * callback, on its own thread. A broken connection is opened again after a pause; what was sent meanwhile is
 * lost, so every user of a channel also polls now and then to catch up.
 */
public final class Notifications implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final long RECONNECT_PAUSE_MS = 2000;

    private final Database db;
    private final String channel;
    private final Consumer<String> received;
    private final CountDownLatch listening = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean closed;

    /** Starts listening at once; {@code received} runs on the listener's thread, so it should hand work off. */
    public Notifications(Database db, String channel, Consumer<String> received) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a channel name: " + channel); // it is spliced into LISTEN
        }
        this.db = db;
        this.channel = channel;
        this.received = received;
        this.thread = new Thread(this::listen, channel + "-listener");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Waits until the first LISTEN is in place (what is sent before it arrives by polling only). */
    public boolean awaitListening(Duration timeout) throws InterruptedException {
        return listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void listen() {
        while (!closed) {
            try (Connection c = db.dedicatedConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                listening.countDown();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            received.accept(n.getParameter());
                        }
                    }
                }
            } catch (Exception e) {
                if (!closed) {
                    log.warn("listening on {} failed ({}); polling covers until it is back", channel, e.toString());
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE_MS);
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
