package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies and their fields, refusing what is malformed with a 400 that names the field. */
public final class JsonBodies {

    private JsonBodies() {
    }

    public static JsonObject object(RoutingContext ctx) {
        var body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest("invalid_json", "the request body must be a JSON object");
        }
        Object parsed;
        try {
            parsed = io.vertx.core.json.Json.decodeValue(body);
        } catch (RuntimeException e) {
            // the parser's own message names its classes and internals: our words only
            throw ApiException.badRequest("invalid_json", "the request body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject o)) {
            throw ApiException.badRequest("invalid_json", "the request body must be a JSON object");
        }
        requireStorable(o, "");
        return o;
    }

    /**
     * Refuses what no field can hold, wherever it is in the body: numbers out of range (1e400 parses as an
     * infinite double and 2^64 as a BigInteger, which the database or the JSON encoder would later fail on) and
     * text with a NUL character, which PostgreSQL's text cannot store. Jackson's nesting limit bounds the depth.
     */
    private static void requireStorable(Object value, String where) {
        if (value instanceof JsonObject o) {
            o.forEach(e -> {
                requireText(e.getKey());
                requireStorable(e.getValue(), where.isEmpty() ? e.getKey() : where + "." + e.getKey());
            });
        } else if (value instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                requireStorable(a.getValue(i), where + "[" + i + "]");
            }
        } else if (value instanceof String s) {
            requireText(s);
        } else if (value instanceof Double d && !Double.isFinite(d)
                || value instanceof Float f && !Float.isFinite(f)
                || value instanceof java.math.BigInteger
                || value instanceof java.math.BigDecimal) {
            throw ApiException.badRequest("invalid_field", "'" + where + "' is a number out of range");
        }
    }

    private static void requireText(String s) {
        if (!TextRules.storable(s)) {
            throw ApiException.badRequest("invalid_text", "the request body holds a NUL character, which no field may hold");
        }
    }

    /** The body as an object; no body at all reads as {}. */
    public static JsonObject objectOrEmpty(RoutingContext ctx) {
        var body = ctx.body().buffer();
        return body == null || body.length() == 0 ? new JsonObject() : object(ctx);
    }

    public static String requiredString(JsonObject o, String field) {
        String s = optionalString(o, field);
        if (s == null || s.isEmpty()) {
            throw ApiException.badRequest("missing_field", "'" + field + "' is required");
        }
        return s;
    }

    public static String optionalString(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be a string");
        }
        return s;
    }

    public static JsonArray optionalArray(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonArray a)) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be an array");
        }
        return a;
    }

    public static JsonObject optionalObject(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonObject obj)) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be an object");
        }
        return obj;
    }

    public static Number optionalNumber(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n)) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be a number");
        }
        return n;
    }
}
