package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import org.cpjudge.api.report.ModelLeaderboard;

/**
 * The models leaderboard (public): {@code GET /api/v1/ai/models} and {@code GET /api/v1/ai/models/{model}}, as
 * {@link ModelLeaderboard} reads it for the caller.
 */
public final class ModelRoutes {

    private final Endpoints endpoints;
    private final Authenticator auth;
    private final ModelLeaderboard leaderboard;

    public ModelRoutes(Endpoints endpoints, Authenticator auth, ModelLeaderboard leaderboard) {
        this.endpoints = endpoints;
        this.auth = auth;
        this.leaderboard = leaderboard;
    }

    public void mount(Router router) {
        router.get("/api/v1/ai/models").handler(endpoints.blocking(this::list));
        router.get("/api/v1/ai/models/:model").handler(endpoints.blocking(this::one));
    }

    private Reply list(RoutingContext ctx) throws Exception {
        Paging paging = Paging.of(ctx);
        return Reply.ok(paging.pageField(ctx,
                new JsonObject().put("rows", new JsonArray(new ArrayList<>(leaderboard.rows(auth.viewer(ctx))))), "rows"));
    }

    private Reply one(RoutingContext ctx) throws Exception {
        String model = ctx.pathParam("model");
        return Reply.ok(leaderboard.model(auth.viewer(ctx), model).orElseThrow(() -> ApiException.notFound(
                "model_not_found", "no finished virtual run with a performance rating names the model '" + model + "'")));
    }
}
