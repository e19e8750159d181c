package org.cpjudge.api.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cpjudge.api.contest.LiveScoreboards;
import org.cpjudge.api.contest.PublishedBoard;
import org.cpjudge.api.http.Endpoints;

/**
 * {@code GET /api/v1/contests/{id}/scoreboard/stream} over the in-memory boards: the first event,
 * {@code scoreboard}, is the whole public board; then each change comes as a {@code rows} event holding the
 * version it applies to ({@code previous_version}), the new {@code version}, the rows whose content changed
 * and the {@code shifts} of rows that only moved ([from, to, by]: the rows at positions from..to of the
 * previous version, those not among the changed rows, have a rank larger by {@code by}). A rebuilt board (an edit, the freeze
 * lifted, new registrations) or a gap in versions comes as a whole {@code scoreboard} again.
 *
 * <p>No stream reads the database: one subscription per contest fans each change, encoded once, out to the
 * contest's streams on their own event loops. A client too slow to take its events is disconnected (its
 * EventSource reconnects and starts from a whole board) rather than buffered without bound.
 */
public final class LiveScoreboardStream {

    private final Vertx vertx;
    private final LiveScoreboards boards;
    private final long heartbeatMillis;
    private final Map<String, Set<Subscriber>> byContest = new ConcurrentHashMap<>();

    public LiveScoreboardStream(Vertx vertx, LiveScoreboards boards, long heartbeatMillis) {
        this.vertx = vertx;
        this.boards = boards;
        this.heartbeatMillis = heartbeatMillis;
        vertx.setPeriodic(heartbeatMillis, t -> heartbeat());
    }

    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String view = ctx.request().getParam("view");
        if (view != null && !view.equals("public")) {
            // never a public stream answering a jury request: the caller would take a frozen board for the live one
            Endpoints.error(ctx, 400, "invalid_view", "the stream carries the public board; the jury reads"
                    + " GET /api/v1/contests/" + id + "/scoreboard?view=jury (ETag makes polling cheap)");
            return;
        }
        Context context = vertx.getOrCreateContext();
        vertx.<Optional<PublishedBoard>>executeBlocking(() -> boards.board(id, LiveScoreboards.View.PUBLIC), false)
                .onComplete(first -> {
                    if (first.failed()) {
                        Endpoints.fail(ctx, first.cause());
                    } else if (first.result().isEmpty()) {
                        Endpoints.error(ctx, 404, "contest_not_found", "no contest has the id '" + id + "'");
                    } else {
                        Subscriber s = new Subscriber(ctx.response(), context, id);
                        subscribers(id).add(s);
                        // read again after subscribing: no change can fall between the two
                        s.start(boards.loaded(id, LiveScoreboards.View.PUBLIC).orElse(first.result().get()),
                                lastEventId(ctx));
                    }
                });
    }

    private static long lastEventId(RoutingContext ctx) {
        String id = ctx.request().getHeader("Last-Event-ID");
        try {
            return id == null ? -1 : Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Set<Subscriber> subscribers(String contestId) {
        return byContest.computeIfAbsent(contestId, id -> {
            Set<Subscriber> set = ConcurrentHashMap.newKeySet();
            boards.subscribe(id, update -> set.forEach(s -> s.context.runOnContext(v -> s.deliver(update))));
            return set;
        });
    }

    private void heartbeat() {
        long now = System.currentTimeMillis();
        byContest.values().forEach(set -> set.forEach(s -> s.context.runOnContext(v -> {
            if (now - s.lastWriteAt >= heartbeatMillis) {
                s.write(": heartbeat\n\n");
            }
        })));
    }

    /** One open stream and the version it has. Touched on its own event loop only. */
    private final class Subscriber {
        private final HttpServerResponse response;
        private final Context context;
        private final String contestId;
        private long version = -1;
        private volatile long lastWriteAt;
        private boolean closed;

        Subscriber(HttpServerResponse response, Context context, String contestId) {
            this.response = response;
            this.context = context;
            this.contestId = contestId;
        }

        /** {@code resumeFrom}: the version a reconnecting client has (Last-Event-ID); it gets no board again. */
        void start(PublishedBoard board, long resumeFrom) {
            EventStreams.open(response, this::stop);
            write("retry: 2000\n\n");
            if (resumeFrom == board.version()) {
                version = resumeFrom;
                write(": resumed at version " + resumeFrom + "\n\n");
            } else {
                whole(board);
            }
        }

        void deliver(LiveScoreboards.Update update) {
            if (closed || update.version() <= version) {
                return;
            }
            if (update.reset() || update.previous() != version) {
                whole(update.board());
            } else if (update.rowsEvent() != null) {
                version = update.version();
                write("id: " + version + "\nevent: rows\ndata: " + update.rowsEvent() + "\n\n");
            } else {
                version = update.version();
            }
        }

        private void whole(PublishedBoard board) {
            version = board.version();
            write(board.wholeEvent());
        }

        void write(String chunk) {
            write(io.vertx.core.buffer.Buffer.buffer(chunk));
        }

        void write(io.vertx.core.buffer.Buffer chunk) {
            if (closed || response.closed()) {
                stop();
                return;
            }
            if (response.writeQueueFull()) {
                response.reset();
                stop();
                return;
            }
            lastWriteAt = System.currentTimeMillis();
            response.write(chunk);
        }

        private void stop() {
            if (!closed) {
                closed = true;
                Set<Subscriber> set = byContest.get(contestId);
                if (set != null) {
                    set.remove(this);
                }
            }
        }
    }
}
