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
        try {
            Object parsed = io.vertx.core.json.Json.decodeValue(body);
            if (parsed instanceof JsonObject o) {
                return o;
            }
        } catch (RuntimeException e) {
            throw ApiException.badRequest("invalid_json", "the request body is not valid JSON: " + e.getMessage());
        }
        throw ApiException.badRequest("invalid_json", "the request body must be a JSON object");
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
