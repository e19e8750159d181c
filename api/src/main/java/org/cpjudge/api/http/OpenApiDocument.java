package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI 3.1 document of the whole HTTP API: written by hand as YAML (readable, commentable) in the resource
 * {@value #RESOURCE}, read once, and served as JSON. YAML that is not plain JSON data (an unquoted date or
 * status code, which YAML reads as a timestamp or a number) fails at load: a slip in the file stops the server
 * from starting instead of serving a document that says something else.
 */
public final class OpenApiDocument {

    public static final String RESOURCE = "/openapi.yaml";

    private OpenApiDocument() {
    }

    /** The document as JSON. */
    public static JsonObject load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + RESOURCE + " is missing from the jar");
            }
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(tree instanceof Map<?, ?> map)) {
                throw new IllegalStateException(RESOURCE + " is not a YAML mapping");
            }
            return object(map, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject object(Map<?, ?> map, String where) {
        JsonObject json = new JsonObject();
        map.forEach((key, value) -> {
            if (!(key instanceof String name)) {
                throw new IllegalStateException(RESOURCE + ": the key " + key + " at '" + where
                        + "' is not text; quote it (status codes must be \"200\")");
            }
            json.put(name, value(value, where + "/" + name));
        });
        return json;
    }

    private static Object value(Object value, String where) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof BigInteger
                || value instanceof BigDecimal) {
            return value instanceof BigInteger big ? new BigDecimal(big) : value;
        }
        if (value instanceof Map<?, ?> map) {
            return object(map, where);
        }
        if (value instanceof List<?> list) {
            JsonArray array = new JsonArray();
            for (int i = 0; i < list.size(); i++) {
                array.add(value(list.get(i), where + "/" + i));
            }
            return array;
        }
        throw new IllegalStateException(RESOURCE + ": the value at '" + where + "' is a " + value.getClass().getSimpleName()
                + ", not JSON; quote it");
    }
}
