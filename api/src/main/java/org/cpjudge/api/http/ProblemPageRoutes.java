package org.cpjudge.api.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.cpjudge.api.web.ProblemPages;

/**
 * {@code GET /api/v1/problems/{id}/page}: what the statement page shows the caller (the statement as HTML in the
 * language asked for, limits, samples, where a submission may count now), as the access policy lets the caller
 * see it. The page asks it with the reader's token when it could show nothing to an anonymous reader.
 */
public final class ProblemPageRoutes {

    private final Endpoints endpoints;
    private final Authenticator auth;
    private final ProblemPages pages;

    public ProblemPageRoutes(Endpoints endpoints, Authenticator auth, ProblemPages pages) {
        this.endpoints = endpoints;
        this.auth = auth;
        this.pages = pages;
    }

    public void mount(Router router) {
        router.get("/api/v1/problems/:id/page").handler(endpoints.blocking(this::page));
    }

    private Reply page(RoutingContext ctx) throws Exception {
        String id = ctx.pathParam("id");
        return pages.view(auth.viewer(ctx), id, ctx.request().getParam("lang"), ctx.request().getParam("contest"))
                .map(v -> Reply.ok(ProblemPages.json(v)))
                .orElseThrow(() -> ApiException.notFound("problem_not_found", "no problem has the id '" + id + "'"));
    }
}
