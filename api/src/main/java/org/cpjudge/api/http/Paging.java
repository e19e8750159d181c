package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One page of a list endpoint: {@code ?limit=} (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}) items
 * from {@code ?offset=} (default 0) of the list in its usual order. The body keeps its documented shape (an array
 * stays an array); the next page is named by a {@code Link: <...>; rel="next"} header, absent on the last page,
 * and {@code X-Total-Count} says how long the whole list is. Bodies that are objects also carry {@code "next"}: the
 * same URL, or null. Offsets count over the list as it stands at each request: a list that grows between two pages
 * may show an item twice or skip none, a list whose items only get added at its end is walked exactly once.
 */
public record Paging(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static Paging of(RoutingContext ctx) {
        return new Paging(number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
                number(ctx, "offset", 0, 0, Integer.MAX_VALUE));
    }

    /** This page of {@code all}, with the Link and X-Total-Count headers set on the response. */
    public JsonArray page(RoutingContext ctx, JsonArray all) {
        JsonArray page = slice(all);
        announce(ctx, all.size());
        return page;
    }

    /** {@code body} with its list {@code field} cut to this page, plus {@code "next"}; the headers as {@link #page}. */
    public JsonObject pageField(RoutingContext ctx, JsonObject body, String field) {
        JsonArray all = body.getJsonArray(field, new JsonArray());
        body.put(field, slice(all));
        body.put("next", announce(ctx, all.size()));
        return body;
    }

    /**
     * A page the caller read as this page of a list {@code total} long (the database cut it, with this limit and
     * offset); the headers as {@link #page}.
     */
    public JsonArray counted(RoutingContext ctx, JsonArray page, int total) {
        announce(ctx, total);
        return page;
    }

    private JsonArray slice(JsonArray all) {
        JsonArray page = new JsonArray();
        long end = Math.min(all.size(), (long) offset + limit);
        for (int i = offset; i < end; i++) {
            page.add(all.getValue(i));
        }
        return page;
    }

    /** Sets the headers; the next page's URL, or null on the last page. */
    private String announce(RoutingContext ctx, int total) {
        ctx.response().putHeader("X-Total-Count", Integer.toString(total));
        if ((long) offset + limit >= total) {
            return null;
        }
        String next = nextUrl(ctx, offset + limit);
        ctx.response().putHeader("Link", "<" + next + ">; rel=\"next\"");
        return next;
    }

    private String nextUrl(RoutingContext ctx, int nextOffset) {
        StringBuilder url = new StringBuilder(ctx.request().path()).append('?');
        for (Map.Entry<String, String> e : ctx.queryParams()) {
            if (!e.getKey().equals("limit") && !e.getKey().equals("offset")) {
                url.append(encode(e.getKey())).append('=').append(encode(e.getValue())).append('&');
            }
        }
        return url.append("limit=").append(limit).append("&offset=").append(nextOffset).toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int number(RoutingContext ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParams().get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_parameter",
                "'" + name + "' must be a whole number from " + min + " to " + max);
    }
}
