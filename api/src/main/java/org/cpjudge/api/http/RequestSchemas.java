package org.cpjudge.api.http;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request bodies checked by the schemas the {@link OpenApiDocument} gives them, so the document and the server
 * cannot disagree on a field's type: a body that does not match is a 400 {@code invalid_field} naming where it
 * goes wrong. Rules the schema cannot know (a problem that must belong to the contest) stay in the routes.
 */
public final class RequestSchemas {

    /** Anchors the document's references; never fetched. */
    private static final String BASE = "https://cpjudge.invalid/openapi.json";

    private final SchemaRepository repository;
    private final Map<String, Validator> validators = new ConcurrentHashMap<>();

    public RequestSchemas(JsonObject document) {
        JsonSchemaOptions options = new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri(BASE)
                .setOutputFormat(OutputFormat.Basic);
        this.repository = SchemaRepository.create(options);
        // the repository writes its bookkeeping into the schema objects: give it a copy, never the served document
        repository.dereference(BASE, JsonSchema.of(document.copy()));
    }

    /**
     * Refuses {@code body} unless it matches the JSON request body of {@code method path} (the path as the
     * document writes it, {@code {id}} for a parameter).
     */
    public void check(String method, String path, JsonObject body) {
        OutputUnit result = validator(method, path).validate(body);
        if (!Boolean.TRUE.equals(result.getValid())) {
            // the basic output lists the wrappers ($ref: "a subschema had errors") before the error that says why
            OutputUnit why = result;
            if (result.getErrors() != null) {
                for (OutputUnit e : result.getErrors()) {
                    if (depth(e) >= depth(why)) {
                        why = e;
                    }
                }
            }
            String location = why.getInstanceLocation() == null ? "" : why.getInstanceLocation().replaceFirst("^#?/?", "");
            throw ApiException.badRequest("invalid_field", (location.isEmpty() ? "the body" : "'" + location + "'")
                    + ": " + why.getError());
        }
    }

    private static int depth(OutputUnit unit) {
        String at = unit.getInstanceLocation();
        return at == null ? -1 : at.split("/", -1).length;
    }

    private Validator validator(String method, String path) {
        String pointer = "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT)
                + "/requestBody/content/application~1json/schema";
        return validators.computeIfAbsent(pointer, p -> repository.validator(BASE + "#" + p));
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
