package org.cpjudge.api.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.cpjudge.api.http.Endpoints;

/**
 * {@code GET /api/v1/contests/{id}/scoreboard/stream} over a scoreboard {@link Lookup} alone, for pages mounted
 * without live boards (the server itself streams with {@link LiveScoreboardStream}, which never polls). Each
 * stream polls the lookup and sends the board as an event named {@code scoreboard} only when it differs from
 * the last one sent; a comment line keeps idle connections open through proxies. The stream ends when the
 * client goes away.
 */
public final class ScoreboardStream {

    private final Vertx vertx;
    private final Lookup<JsonObject> scoreboards;
    private final long pollMillis;
    private final long heartbeatMillis;

    public ScoreboardStream(Vertx vertx, Lookup<JsonObject> scoreboards, long pollMillis, long heartbeatMillis) {
        this.vertx = vertx;
        this.scoreboards = scoreboards;
        this.pollMillis = pollMillis;
        this.heartbeatMillis = heartbeatMillis;
    }

    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        vertx.<Optional<JsonObject>>executeBlocking(() -> scoreboards.find(id), false).onComplete(first -> {
            if (first.failed()) {
                Endpoints.fail(ctx, first.cause());
            } else if (first.result().isEmpty()) {
                Endpoints.error(ctx, 404, "contest_not_found", "no contest has the id '" + id + "'");
            } else {
                new Subscriber(ctx.response(), id).start(first.result().get());
            }
        });
    }

    /** One open stream: what it sent last, and its timer. */
    private final class Subscriber {
        private final HttpServerResponse response;
        private final String id;
        private String lastSent;
        private long lastWriteAt;
        private long timer;
        private boolean polling;
        private boolean closed;

        Subscriber(HttpServerResponse response, String id) {
            this.response = response;
            this.id = id;
        }

        void start(JsonObject scoreboard) {
            EventStreams.open(response, this::stop);
            response.write("retry: 2000\n\n");
            send(scoreboard);
            timer = vertx.setPeriodic(pollMillis, t -> poll());
        }

        private void poll() {
            if (closed || polling) {
                return;
            }
            polling = true;
            vertx.<Optional<JsonObject>>executeBlocking(() -> scoreboards.find(id), false).onComplete(r -> {
                polling = false;
                if (closed) {
                    return;
                }
                if (r.succeeded() && r.result().isPresent()) {
                    send(r.result().get());
                }
                if (System.currentTimeMillis() - lastWriteAt >= heartbeatMillis) {
                    write(": heartbeat\n\n");
                }
            });
        }

        /** Sends the scoreboard unless it is what the client already has (JSON has no newline to split). */
        private void send(JsonObject scoreboard) {
            String json = scoreboard.encode();
            if (!json.equals(lastSent)) {
                lastSent = json;
                write("event: scoreboard\ndata: " + json + "\n\n");
            }
        }

        private void write(String chunk) {
            if (!closed && !response.closed()) {
                lastWriteAt = System.currentTimeMillis();
                response.write(chunk);
            }
        }

        private void stop() {
            if (!closed) {
                closed = true;
                vertx.cancelTimer(timer);
            }
        }
    }
}
