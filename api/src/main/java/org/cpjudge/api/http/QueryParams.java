package org.cpjudge.api.http;

import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Reading a request's query parameters the one way every filter of the API reads them. */
final class QueryParams {

    private QueryParams() {
    }

    /** A query parameter given at most once and not empty; null when absent (400 {@code invalid_query} else). */
    static String single(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("invalid_query", "'" + name + "' is given more than once");
        }
        if (values.get(0).isEmpty()) {
            throw ApiException.badRequest("invalid_query", "'" + name + "' is empty");
        }
        return values.get(0);
    }
}
