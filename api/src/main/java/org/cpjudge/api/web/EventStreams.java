package org.cpjudge.api.web;

import io.vertx.core.http.HttpServerResponse;

/** Server-Sent Events responses: one way to open a stream for every stream the server serves. */
final class EventStreams {

    private EventStreams() {
    }

    /** Makes {@code response} an open event stream; {@code stop} runs once the client goes away or it fails. */
    static void open(HttpServerResponse response, Runnable stop) {
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                // nginx and similar proxies would otherwise hold events back in their buffers
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(v -> stop.run());
        response.exceptionHandler(e -> stop.run());
    }
}
