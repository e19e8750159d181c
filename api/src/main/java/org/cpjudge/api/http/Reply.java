package org.cpjudge.api.http;

/**
 * A successful answer: status and a body, JSON (a Vert.x JsonObject or JsonArray) or raw bytes whose headers the
 * endpoint set.
 */
public record Reply(int status, Object body) {

    public static Reply ok(Object body) {
        return new Reply(200, body);
    }

    public static Reply created(Object body) {
        return new Reply(201, body);
    }

    public static Reply raw(byte[] bytes) {
        return new Reply(200, io.vertx.core.buffer.Buffer.buffer(bytes));
    }

    public static Reply accepted(Object body) {
        return new Reply(202, body);
    }
}
