package org.cpjudge.api.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/** {@code GET /api/v1/openapi.json}: the {@link OpenApiDocument}, encoded once at startup. */
public final class OpenApiRoutes {

    public static final String PATH = "/api/v1/openapi.json";

    private final Buffer document;

    public OpenApiRoutes(io.vertx.core.json.JsonObject document) {
        this.document = Buffer.buffer(document.encode());
    }

    public void mount(Router router) {
        router.get(PATH).handler(ctx -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "public, max-age=3600").end(document));
    }
}
