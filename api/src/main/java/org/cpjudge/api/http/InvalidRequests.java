package org.cpjudge.api.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Requests the HTTP layer could not read (a request line or headers over its limits, a malformed request):
 * they never reach the router, yet they get the API's error body and status like any other refusal. The server
 * closes the connection after the answer.
 */
public final class InvalidRequests {

    private InvalidRequests() {
    }

    public static void answer(HttpServerRequest request) {
        Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
        int status;
        String code;
        String message;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            code = "uri_too_long";
            message = "the request line is longer than this server reads";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            code = "headers_too_large";
            message = "the request's headers are larger than this server reads";
        } else {
            status = 400;
            code = "bad_request";
            message = "the request is not valid HTTP";
        }
        JsonObject body = new JsonObject().put("error", new JsonObject().put("code", code).put("message", message));
        request.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Connection", "close")
                .end(body.encode());
    }
}
