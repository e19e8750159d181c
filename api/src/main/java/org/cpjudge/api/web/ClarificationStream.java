package org.cpjudge.api.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cpjudge.api.contest.Clarification;
import org.cpjudge.api.access.ClarificationAccess;
import org.cpjudge.api.access.Viewer;
import org.cpjudge.api.http.ApiException;
import org.cpjudge.api.http.Authenticator;
import org.cpjudge.api.http.ClarificationRoutes;
import org.cpjudge.api.http.Endpoints;
import org.cpjudge.api.store.ClarificationStore;
import org.cpjudge.api.store.ContestStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/contests/{id}/clarifications/stream}: each new clarification the caller may read, as it is
 * posted on any API process, as a Server-Sent Event named {@code clarification} whose data is the item
 * {@code GET .../clarifications} lists. When the jury answers, the question comes again first (now answered,
 * and public if the answer is), so a client keeps one item per id and replaces it. The answer's event carries
 * its id as the event id: a client that reconnects with {@code Last-Event-ID} (or asks {@code ?after=ID}) is
 * first sent what it missed. The {@code Authorization} header is optional: without it the stream carries the
 * public clarifications. A comment line every 15 s keeps idle connections open through proxies.
 */
public final class ClarificationStream {

    private static final Logger log = LoggerFactory.getLogger(ClarificationStream.class);

    private final Vertx vertx;
    private final Authenticator auth;
    private final ContestStore contests;
    private final ClarificationStore store;
    private final ClarificationFeed feed;
    private final long heartbeatMillis;

    public ClarificationStream(Vertx vertx, Authenticator auth, ContestStore contests, ClarificationStore store,
                               ClarificationFeed feed, long heartbeatMillis) {
        this.vertx = vertx;
        this.auth = auth;
        this.contests = contests;
        this.store = store;
        this.feed = feed;
        this.heartbeatMillis = heartbeatMillis;
    }

    public void handle(RoutingContext ctx) {
        String contestId = ctx.pathParam("id");
        vertx.<Viewer>executeBlocking(() -> {
            Viewer reader = ClarificationRoutes.reader(auth, ctx);
            contests.find(contestId).orElseThrow(() ->
                    ApiException.notFound("contest_not_found", "no contest has the id '" + contestId + "'"));
            return reader;
        }, false).onComplete(r -> {
            if (r.failed()) {
                Endpoints.fail(ctx, r.cause());
                return;
            }
            Long after;
            try {
                after = resumeAfter(ctx);
            } catch (ApiException e) {
                Endpoints.fail(ctx, e);
                return;
            }
            new Subscriber(ctx.response(), contestId, r.result(), Vertx.currentContext()).start(after);
        });
    }

    /** Where a reconnecting client left off: {@code ?after=ID}, else the {@code Last-Event-ID} header. */
    private static Long resumeAfter(RoutingContext ctx) {
        String asked = ctx.request().getParam("after");
        if (asked != null) {
            try {
                return Long.parseLong(asked.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid_parameter", "'after' must be a clarification id, got '" + asked + "'");
            }
        }
        String last = ctx.request().getHeader("Last-Event-ID");
        if (last != null) {
            try {
                return Long.parseLong(last.trim());
            } catch (NumberFormatException e) {
                return null; // not one of ours: nothing to resume
            }
        }
        return null;
    }

    /**
     * The events clarification {@code id} makes for this reader: nothing when they may not read it; for an
     * answer, its question as it now stands, then the answer.
     */
    static String events(ClarificationAccess thread, long id, Viewer reader) {
        Optional<Clarification> c = thread.find(id).filter(x -> thread.maySee(reader, x));
        if (c.isEmpty()) {
            return "";
        }
        StringBuilder events = new StringBuilder();
        if (c.get().kind() == Clarification.Kind.ANSWER) {
            thread.view(reader, c.get().replyTo()).ifPresent(q -> event(events, null, q));
        }
        event(events, id, thread.view(reader, id).orElseThrow());
        return events.toString();
    }

    /** One event; its JSON holds no raw newline, so one data line carries it. */
    private static void event(StringBuilder to, Long id, JsonObject item) {
        if (id != null) {
            to.append("id: ").append(id).append('\n');
        }
        to.append("event: clarification\ndata: ").append(item.encode()).append("\n\n");
    }

    /** What was stored after {@code afterId}, as this reader sees it, oldest first. */
    private List<Pending> replay(String contestId, Viewer reader, long afterId) throws Exception {
        List<Clarification> all = store.ofContest(contestId);
        ClarificationAccess access = new ClarificationAccess(all);
        List<Pending> missed = new ArrayList<>();
        for (Clarification c : all) {
            if (c.id() > afterId) {
                String events = events(access, c.id(), reader);
                if (!events.isEmpty()) {
                    missed.add(new Pending(c.id(), events));
                }
            }
        }
        return missed;
    }

    private record Pending(long id, String events) {
    }

    /** One open stream. Everything but {@link #send} runs on the stream's own context. */
    private final class Subscriber implements ClarificationFeed.Subscriber {
        private final HttpServerResponse response;
        private final String contestId;
        private final Viewer reader;
        private final Context context;
        /** Live events that came while the replay was read: sent after it, unless the replay had them. */
        private List<Pending> held;
        private long timer = -1;
        private boolean closed;

        Subscriber(HttpServerResponse response, String contestId, Viewer reader, Context context) {
            this.response = response;
            this.contestId = contestId;
            this.reader = reader;
            this.context = context;
        }

        void start(Long after) {
            EventStreams.open(response, this::stop);
            if (after != null) {
                held = new ArrayList<>();
            }
            // subscribed before the client hears a word, and before the replay is read, so that nothing stored
            // in between falls between the two
            feed.subscribe(contestId, this);
            response.write("retry: 2000\n\n");
            timer = vertx.setPeriodic(heartbeatMillis, t -> write(": heartbeat\n\n"));
            if (after != null) {
                vertx.<List<Pending>>executeBlocking(() -> replay(contestId, reader, after), false).onComplete(r -> {
                    if (r.failed()) {
                        log.error("replaying the clarifications of {} failed", contestId, r.cause());
                        response.end();
                        stop();
                        return;
                    }
                    Set<Long> replayed = new HashSet<>();
                    for (Pending p : r.result()) {
                        replayed.add(p.id());
                        write(p.events());
                    }
                    for (Pending p : held) {
                        if (!replayed.contains(p.id())) {
                            write(p.events());
                        }
                    }
                    held = null;
                });
            }
        }

        @Override
        public Viewer reader() {
            return reader;
        }

        @Override
        public void send(long id, String events) {
            if (events.isEmpty()) {
                return;
            }
            context.runOnContext(v -> {
                if (held != null) {
                    held.add(new Pending(id, events));
                } else {
                    write(events);
                }
            });
        }

        private void write(String chunk) {
            if (closed || response.closed()) {
                return;
            }
            if (response.writeQueueFull()) {
                // a reader that does not take its events would hold them in memory without end: cut it off;
                // it reconnects with Last-Event-ID and is replayed what it missed
                log.info("a clarification stream of {} reads too slowly; closing it", contestId);
                stop();
                response.reset();
                return;
            }
            response.write(chunk);
        }

        private void stop() {
            if (!closed) {
                closed = true;
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
                feed.unsubscribe(contestId, this);
            }
        }
    }
}
