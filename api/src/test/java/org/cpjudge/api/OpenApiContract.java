package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.cpjudge.api.http.OpenApiDocument;

/**
 * The OpenAPI document as a check on real answers: finds the operation a request falls under (a concrete path
 * before a templated one, as OpenAPI says), the response its status documents (or {@code default}), and validates
 * the body against that response's JSON Schema (2020-12, OpenAPI 3.1's dialect, formats asserted). Any test can
 * call {@link #assertConforms} on the answers it gets.
 */
final class OpenApiContract {

    /** Where the document is registered for the validator; never fetched, it only anchors the $refs. */
    private static final String BASE = "https://cpjudge.invalid/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiContract INSTANCE = new OpenApiContract(OpenApiDocument.load());

    private final JsonObject document;
    private final SchemaRegistry registry;
    private final List<PathTemplate> templates = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /** A documented path and the request paths it matches: each {param} is one non-empty segment. */
    record PathTemplate(String path, Pattern pattern, int parameters) {
        static PathTemplate of(String path) {
            StringBuilder regex = new StringBuilder();
            int parameters = 0;
            for (String piece : path.split("(?=\\{)|(?<=\\})")) {
                if (piece.startsWith("{") && piece.endsWith("}")) {
                    regex.append("[^/]+");
                    parameters++;
                } else {
                    regex.append(Pattern.quote(piece));
                }
            }
            return new PathTemplate(path, Pattern.compile(regex.toString()), parameters);
        }
    }

    private OpenApiContract(JsonObject document) {
        this.document = document;
        String text = document.encode();
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(BASE, text)));
        document.getJsonObject("paths").fieldNames().forEach(p -> templates.add(PathTemplate.of(p)));
        // fewest parameters first: /contests/{id}/virtual/end before /contests/{id}/virtual/{handle}
        templates.sort(Comparator.comparingInt(PathTemplate::parameters));
    }

    static OpenApiContract get() {
        return INSTANCE;
    }

    JsonObject document() {
        return document;
    }

    /** The documented path a request path (query included or not) falls under. */
    Optional<String> template(String requestPath) {
        String path = requestPath.split("\\?", 2)[0];
        return templates.stream().filter(t -> t.pattern().matcher(path).matches()).map(PathTemplate::path).findFirst();
    }

    /** Fails unless {@code response}, the answer to {@code method} {@code requestPath}, is what the document says. */
    static void assertConforms(String method, String requestPath, ApiClient.Response response) {
        get().check(method, requestPath, response);
    }

    void check(String method, String requestPath, ApiClient.Response response) {
        String where = method + " " + requestPath + " -> " + response.status();
        String path = template(requestPath).orElseGet(() -> fail("the document has no path for " + where));
        JsonObject operation = document.getJsonObject("paths").getJsonObject(path).getJsonObject(method.toLowerCase(Locale.ROOT));
        assertTrue(operation != null, "the document has no " + method + " on " + path + " (" + where + ")");
        JsonObject responses = operation.getJsonObject("responses");
        String status = String.valueOf(response.status());
        String key = responses.containsKey(status) ? status : "default";
        assertTrue(responses.containsKey(key), "status " + status + " is not documented for " + method + " " + path
                + " (" + where + ": " + response.body() + ")");
        String pointer = "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + escape(key);
        JsonObject documented = responses.getJsonObject(key);
        if (documented.containsKey("$ref")) {
            pointer = documented.getString("$ref").substring(1);
            documented = (JsonObject) resolve(pointer);
        }
        JsonObject content = documented.getJsonObject("content");
        String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim().toLowerCase(Locale.ROOT))
                .orElse(null);
        if (content == null) {
            assertTrue(response.body().isEmpty(), "the document gives " + where + " no body, yet it has one: " + response.body());
            return;
        }
        assertTrue(type != null, where + " has a body of no Content-Type");
        String mediaType = content.containsKey(type) ? type : content.containsKey("*/*") ? "*/*" : null;
        assertTrue(mediaType != null, where + " answered " + type + "; the document says " + content.fieldNames());
        if (!mediaType.equals("application/json")) {
            return;
        }
        String schemaPointer = pointer + "/content/" + escape(mediaType) + "/schema";
        Schema schema = schemas.computeIfAbsent(schemaPointer, p -> registry.getSchema(SchemaLocation.of(BASE + "#" + p)));
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(where + " says JSON but is not: " + response.body(), e);
        }
        List<Error> errors = schema.validate(body, ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(),
                where + " does not match " + schemaPointer + "; body: " + abbreviated(response.body()));
    }

    /**
     * The errors of a JSON request body against the schema of the operation's {@code application/json} request
     * body (none when the operation takes no JSON body: then nothing is said).
     */
    List<String> requestErrors(String method, String requestPath, String body) {
        String path = template(requestPath).orElseGet(() -> fail("the document has no path for " + method + " " + requestPath));
        JsonObject operation = document.getJsonObject("paths").getJsonObject(path).getJsonObject(method.toLowerCase(Locale.ROOT));
        assertTrue(operation != null, "the document has no " + method + " on " + path);
        JsonObject request = operation.getJsonObject("requestBody");
        if (request == null || !request.getJsonObject("content").containsKey("application/json")) {
            fail(method + " " + path + " documents no JSON request body, yet one was sent: " + body);
        }
        String pointer = "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT)
                + "/requestBody/content/application~1json/schema";
        Schema schema = schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(BASE + "#" + p)));
        try {
            return schema.validate(JSON.readTree(body), ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)))
                    .stream().map(Error::toString).toList();
        } catch (java.io.IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    /** The value at a JSON pointer into the document. */
    Object resolve(String pointer) {
        Object at = document;
        for (String raw : pointer.substring(1).split("/", -1)) {
            String name = raw.replace("~1", "/").replace("~0", "~");
            if (at instanceof JsonObject o && o.containsKey(name)) {
                at = o.getValue(name);
            } else if (at instanceof io.vertx.core.json.JsonArray a && name.matches("[0-9]+")
                    && Integer.parseInt(name) < a.size()) {
                at = a.getValue(Integer.parseInt(name));
            } else {
                throw new AssertionError("the document has nothing at " + pointer);
            }
        }
        return at;
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviated(String body) {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "...";
    }
}
