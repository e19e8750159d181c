package org.cpjudge.api.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cpjudge.api.access.ClarificationAccess;
import org.cpjudge.api.access.Viewer;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.store.ClarificationStore;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New clarifications from any API process, told to this process's open streams. One connection outside the
 * pool LISTENs on {@link ClarificationStore#CHANNEL} for the whole process, however many streams are open; for
 * each notification the clarification's thread is read once and handed to every stream of its contest.
 * A broken connection is reopened, and what was stored meanwhile is caught up by id (a clarification whose
 * id was taken before the gap but committed during it can be missed; a client that reconnects with
 * {@code Last-Event-ID} reads it from the replay).
 */
public final class ClarificationFeed extends VerticleBase {

    private static final Logger log = LoggerFactory.getLogger(ClarificationFeed.class);
    /** How many delivered ids are remembered, so a catch-up overlapping a notification delivers once. */
    private static final int REMEMBERED = 10_000;

    /** One open stream: who reads it, and where its events go (called on the listener's thread). */
    interface Subscriber {
        Viewer reader();

        /** The events for clarification {@code id}; empty text when the reader may see none of it. */
        void send(long id, String events);
    }

    private final Database db;
    private final ClarificationStore store;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Set<Long> delivered = new LinkedHashSet<>();
    private volatile boolean closed;
    private Thread listener;
    private long lastId;

    /**
     * @param lastId the newest clarification when the process started: anything stored later reaches the streams,
     *               also what is stored before the listening connection is first open
     */
    public ClarificationFeed(Database db, ClarificationStore store, long lastId) {
        this.db = db;
        this.store = store;
        this.lastId = lastId;
    }

    @Override
    public Future<?> start() {
        listener = new Thread(this::listen, "clarification-listener");
        listener.setDaemon(true);
        listener.start();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        closed = true;
        if (listener != null) {
            listener.interrupt();
        }
        return Future.succeededFuture();
    }

    void subscribe(String contestId, Subscriber s) {
        subscribers.computeIfAbsent(contestId, k -> ConcurrentHashMap.newKeySet()).add(s);
    }

    void unsubscribe(String contestId, Subscriber s) {
        subscribers.computeIfPresent(contestId, (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    private void listen() {
        while (!closed) {
            try (Connection c = db.dedicatedConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + ClarificationStore.CHANNEL);
                }
                // listening from here on: whatever is stored after this read arrives as a notification, and
                // what was stored before it (since the start, or while the connection was down) is read here
                for (ClarificationStore.Stored missed : store.after(lastId)) {
                    publish(missed);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            publish(parse(n.getParameter()));
                        }
                    }
                }
            } catch (Exception e) {
                if (!closed) {
                    log.warn("listening for clarifications failed ({}); reconnecting", e.toString());
                    sleepQuietly(2000);
                }
            }
        }
    }

    private static ClarificationStore.Stored parse(String payload) {
        JsonObject json = new JsonObject(payload);
        return new ClarificationStore.Stored(json.getString("contest"), json.getLong("id"));
    }

    private void publish(ClarificationStore.Stored s) throws Exception {
        if (delivered.contains(s.id())) {
            return;
        }
        fanOut(s);
        // marked only once told: a failed read reconnects, and the catch-up then tells it
        delivered.add(s.id());
        if (delivered.size() > REMEMBERED) {
            delivered.remove(delivered.iterator().next());
        }
        lastId = Math.max(lastId, s.id());
    }

    private void fanOut(ClarificationStore.Stored s) throws Exception {
        Set<Subscriber> streams = subscribers.get(s.contestId());
        if (streams == null || streams.isEmpty()) {
            return;
        }
        ClarificationAccess thread = new ClarificationAccess(store.thread(s.contestId(), s.id()));
        // Readers not named in the thread all see the same events: rendered once, not once per stream.
        Map<Object, String> rendered = new HashMap<>();
        for (Subscriber stream : List.copyOf(streams)) {
            Viewer reader = stream.reader();
            Object key = reader.administrator() ? "jury" : thread.involves(reader) ? reader.user().id() : "everyone else";
            stream.send(s.id(), rendered.computeIfAbsent(key, k -> ClarificationStream.events(thread, s.id(), reader)));
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
