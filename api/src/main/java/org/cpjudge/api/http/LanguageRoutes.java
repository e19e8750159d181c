package org.cpjudge.api.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/languages}: what the live judge workers can compile and run. */
public final class LanguageRoutes {

    private final Endpoints endpoints;
    private final LanguageCatalog catalog;

    public LanguageRoutes(Endpoints endpoints, LanguageCatalog catalog) {
        this.endpoints = endpoints;
        this.catalog = catalog;
    }

    public void mount(Router router) {
        router.get("/api/v1/languages").handler(endpoints.blocking(this::list));
    }

    private Reply list(RoutingContext ctx) throws Exception {
        return Reply.ok(Paging.of(ctx).page(ctx, catalog.list()));
    }
}
