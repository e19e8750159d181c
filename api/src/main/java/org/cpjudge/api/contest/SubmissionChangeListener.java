package org.cpjudge.api.contest;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.db.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@value #CHANNEL}'s payloads ("&lt;submission id&gt; &lt;contest id&gt;"; a bare id is a practice
 * submission, ignored) and hands each contest submission's change to a callback. Notifications lost while the
 * listening connection is down are made up for by the boards' poll.
 */
final class SubmissionChangeListener implements AutoCloseable {

    /** Written by the trigger submissions_notify_change (V7) on every change a board cares about, by any writer. */
    public static final String CHANNEL = "submission_changes";
    private static final Logger log = LoggerFactory.getLogger(SubmissionChangeListener.class);

    private final BiConsumer<UUID, String> changed;
    private final Notifications notifications;

    /** {@code changed} gets (submission id, contest id), on the listener's thread. */
    SubmissionChangeListener(Database db, BiConsumer<UUID, String> changed) {
        this.changed = changed;
        this.notifications = new Notifications(db, CHANNEL, this::received);
    }

    boolean awaitListening(Duration timeout) throws InterruptedException {
        return notifications.awaitListening(timeout);
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

    @Override
    public void close() {
        notifications.close();
    }
}
