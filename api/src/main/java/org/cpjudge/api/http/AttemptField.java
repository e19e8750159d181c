package org.cpjudge.api.http;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/**
 * Checks a submission's {@code "attempt"}: {@code group} and {@code model} strings, {@code index} and
 * {@code tokens} whole numbers, {@code cost_usd} a number, none of them negative. Each field is optional; other
 * fields are kept as given. Whole numbers are stored as integers ({@code 3.0} becomes {@code 3}).
 */
final class AttemptField {

    private static final int MAX_LABEL = 200;

    private AttemptField() {
    }

    /** The attempt to store, or null when the body has none; a 400 naming the field when it is malformed. */
    static JsonObject validated(JsonObject body) {
        JsonObject attempt = JsonBodies.optionalObject(body, "attempt");
        if (attempt == null) {
            return null;
        }
        JsonObject clean = attempt.copy();
        label(attempt, "group");
        label(attempt, "model");
        Long index = whole(attempt, "index", Integer.MAX_VALUE);
        Long tokens = whole(attempt, "tokens", Long.MAX_VALUE);
        BigDecimal cost = decimal(attempt, "cost_usd");
        if (cost != null && cost.signum() < 0) {
            throw invalid("cost_usd", "cannot be negative");
        }
        if (index != null) {
            clean.put("index", index);
        }
        if (tokens != null) {
            clean.put("tokens", tokens);
        }
        return clean;
    }

    private static void label(JsonObject attempt, String field) {
        Object v = attempt.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw invalid(field, "must be a string");
        }
        if (v != null && ((String) v).length() > MAX_LABEL) {
            throw invalid(field, "is at most " + MAX_LABEL + " characters");
        }
    }

    private static Long whole(JsonObject attempt, String field, long max) {
        BigDecimal d = decimal(attempt, field);
        if (d == null) {
            return null;
        }
        if (d.signum() < 0) {
            throw invalid(field, "cannot be negative");
        }
        if (d.stripTrailingZeros().scale() > 0) {
            throw invalid(field, "must be a whole number");
        }
        if (d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid(field, "is at most " + max);
        }
        return d.longValueExact();
    }

    private static BigDecimal decimal(JsonObject attempt, String field) {
        Object v = attempt.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n)) {
            throw invalid(field, "must be a number");
        }
        // JSON's 1e400 arrives as an infinite double, which has no decimal spelling
        if ((n instanceof Double d && (d.isInfinite() || d.isNaN())) || (n instanceof Float f && (f.isInfinite() || f.isNaN()))) {
            throw invalid(field, "must be a finite number");
        }
        // the number's own spelling: exact for integers of any size and for decimals alike
        return new BigDecimal(n.toString());
    }

    private static ApiException invalid(String field, String why) {
        return ApiException.badRequest("invalid_field", "'attempt." + field + "' " + why);
    }
}
