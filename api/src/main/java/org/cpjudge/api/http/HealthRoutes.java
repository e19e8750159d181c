package org.cpjudge.api.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.cpjudge.api.store.WorkerRegistry;

/**
 * {@code /health/ready}: 200 once migrations ran (they run before the server listens) and a judge worker,
 * local or remote, was seen recently; 503 before.
 */
public final class HealthRoutes {

    private final Endpoints endpoints;
    private final WorkerRegistry workers;

    public HealthRoutes(Endpoints endpoints, WorkerRegistry workers) {
        this.endpoints = endpoints;
        this.workers = workers;
    }

    public void mount(Router router) {
        router.get("/health/live").handler(ctx -> Endpoints.send(ctx, Reply.ok(new JsonObject().put("status", "live"))));
        router.get("/health/ready").handler(endpoints.blocking(this::ready));
    }

    private Reply ready(RoutingContext ctx) throws Exception {
        if (!workers.anyAlive()) {
            throw new ApiException(503, "not_ready", "no judge worker is ready yet");
        }
        return Reply.ok(new JsonObject().put("status", "ready"));
    }
}
