package org.cpjudge.api.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.cpjudge.api.contest.RatingService;

/** {@code GET /api/v1/leaderboard?kind=human|ai|all}: rated users by rating. */
public final class LeaderboardRoutes {

    private final Endpoints endpoints;
    private final RatingService ratings;

    public LeaderboardRoutes(Endpoints endpoints, RatingService ratings) {
        this.endpoints = endpoints;
        this.ratings = ratings;
    }

    public void mount(Router router) {
        router.get("/api/v1/leaderboard").handler(endpoints.blocking(this::leaderboard));
    }

    private Reply leaderboard(RoutingContext ctx) throws Exception {
        Paging paging = Paging.of(ctx);
        String kind = ctx.queryParams().get("kind");
        if (kind == null || kind.equals("all")) {
            return Reply.ok(paging.pageField(ctx, ratings.leaderboard(null), "rows"));
        }
        if (!kind.equals("human") && !kind.equals("ai")) {
            throw ApiException.badRequest("invalid_kind", "'kind' must be human, ai or all");
        }
        return Reply.ok(paging.pageField(ctx, ratings.leaderboard(kind), "rows"));
    }
}
