package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
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
 * cannot disagree on a field's type: a body that does not match is a 400 naming where it goes wrong. Rules the
 * schema cannot know (a problem that must belong to the contest) stay in the routes.
 *
 * <p>The code of a refusal is {@code invalid_field}, but: a required field that is absent or null (null reads as
 * absent, as it always did) is {@code missing_field}; a subschema may name the code of one of its keywords
 * ({@code x-error-codes: {enum: invalid_kind}}), and a subschema's {@code x-error-code} is the code of every
 * failure inside it (a reference standings row is {@code invalid_standings_row} whatever is wrong in it). So the
 * codes clients already rely on stay, and the document says them.
 */
public final class RequestSchemas {

    /** Anchors the document's references; never fetched. */
    private static final String BASE = "https://cpjudge.invalid/openapi.json";
    private static final String IN_DOCUMENT = BASE + "#";

    private final JsonObject document;
    private final SchemaRepository repository;
    private final Map<String, Validator> validators = new ConcurrentHashMap<>();

    public RequestSchemas(JsonObject document) {
        this.document = document;
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
        String root = root(method, path);
        OutputUnit result = validators.computeIfAbsent(root, p -> repository.validator(IN_DOCUMENT + p)).validate(body);
        if (Boolean.TRUE.equals(result.getValid())) {
            return;
        }
        // the basic output lists the wrappers ($ref: "a subschema had errors") before the error that says why; of
        // two errors at one place, a wrong type says more than the word or the bound it also fails
        OutputUnit why = result;
        if (result.getErrors() != null) {
            for (OutputUnit e : result.getErrors()) {
                if (depth(e) > depth(why) || depth(e) == depth(why) && !isType(why)) {
                    why = e;
                }
            }
        }
        throw new Refusal(root, result, why, body).exception();
    }

    /** One failed check, read back into the words and the code the API answers with. */
    private final class Refusal {
        /** The pointer of the operation's schema, which the keyword locations of its inline parts are relative to. */
        private final String root;
        private final OutputUnit all;
        private final OutputUnit why;
        /** Where the failing keyword sits in the document, e.g. /components/schemas/NewUser/properties/kind/enum. */
        private final String keywordPointer;
        private final String keyword;
        private final JsonObject schema;
        private final Object value;
        private final String where;

        Refusal(String root, OutputUnit all, OutputUnit why, JsonObject body) {
            this.root = root;
            this.all = all;
            this.why = why;
            this.keywordPointer = pointer(why.getAbsoluteKeywordLocation());
            int slash = keywordPointer == null ? -1 : keywordPointer.lastIndexOf('/');
            this.keyword = slash < 0 ? "" : unescape(keywordPointer.substring(slash + 1));
            this.schema = slash < 0 ? null : schemaAt(keywordPointer.substring(0, slash));
            String[] tokens = tokens(why.getInstanceLocation());
            Object at = body;
            StringBuilder name = new StringBuilder();
            for (String token : tokens) {
                if (at instanceof JsonArray a) {
                    name.append('[').append(token).append(']');
                    at = index(token) < a.size() ? a.getValue(index(token)) : null;
                } else {
                    name.append(name.length() == 0 ? "" : ".").append(token);
                    at = at instanceof JsonObject o ? o.getValue(token) : null;
                }
            }
            this.value = at;
            this.where = name.toString();
        }

        ApiException exception() {
            if (keyword.equals("required")) {
                String field = missing();
                String named = where.isEmpty() ? field : where + "." + field;
                return ApiException.badRequest(code("missing_field"), "'" + named + "' is required");
            }
            if (value == null) {
                return ApiException.badRequest(code("missing_field"), "'" + where + "' is required");
            }
            return ApiException.badRequest(code("invalid_field"),
                    (where.isEmpty() ? "the body" : "'" + where + "'") + " " + words());
        }

        /**
         * The JSON pointer into the document of a keyword's absolute location, or null if it points elsewhere: a
         * keyword reached through a $ref is located in the document; one of the operation's inline schema is
         * located from that schema's root.
         */
        private String pointer(String absolute) {
            if (absolute == null || !absolute.startsWith(IN_DOCUMENT)) {
                return null;
            }
            String p = absolute.substring(IN_DOCUMENT.length());
            return p.startsWith("/components/") || p.startsWith("/paths/") ? p : root + p;
        }

        /** The keyword's own code, else the code of the innermost subschema around it that has one. */
        private String code(String fallback) {
            if (schema != null && schema.getValue("x-error-codes") instanceof JsonObject codes
                    && codes.getValue(keyword) instanceof String code) {
                return code;
            }
            if (schema != null && schema.getValue("x-error-code") instanceof String code) {
                return code;
            }
            // the wrappers around the failure: each names a keyword (properties, items, $ref) of an outer subschema
            String found = null;
            int foundDepth = -1;
            if (all.getErrors() != null) {
                for (OutputUnit e : all.getErrors()) {
                    String p = pointer(e.getAbsoluteKeywordLocation());
                    int slash = p == null ? -1 : p.lastIndexOf('/');
                    JsonObject outer = slash < 0 ? null : schemaAt(p.substring(0, slash));
                    if (outer != null && outer.getValue("x-error-code") instanceof String code
                            && within(e.getInstanceLocation(), why.getInstanceLocation()) && depth(e) > foundDepth) {
                        found = code;
                        foundDepth = depth(e);
                    }
                }
            }
            return found != null ? found : fallback;
        }

        /** The first required field the object lacks (or holds as null). */
        private String missing() {
            if (schema != null && schema.getValue("required") instanceof JsonArray names && value instanceof JsonObject o) {
                for (Object n : names) {
                    if (o.getValue(String.valueOf(n)) == null) {
                        return String.valueOf(n);
                    }
                }
            }
            return "a field";
        }

        /** What the keyword asks, in the API's words; the validator's own words for a keyword not listed here. */
        private String words() {
            Object arg = schema == null ? null : schema.getValue(keyword);
            return switch (keyword) {
                case "type" -> "must be " + (arg instanceof JsonArray types
                        ? String.join(" or ", types.stream().map(t -> typeName(String.valueOf(t))).toList())
                        : typeName(String.valueOf(arg)));
                case "enum" -> "must be one of " + (arg instanceof JsonArray a ? a.encode() : arg);
                case "const" -> "must be " + arg;
                case "pattern" -> "must match " + arg;
                case "minLength" -> "must hold at least " + arg + " character(s)";
                case "maxLength" -> "may hold at most " + arg + " characters";
                case "minimum" -> "must be at least " + arg;
                case "maximum" -> "must be at most " + arg;
                case "exclusiveMinimum" -> "must be more than " + arg;
                case "exclusiveMaximum" -> "must be less than " + arg;
                case "minItems" -> "must hold at least " + arg + " item(s)";
                case "maxItems" -> "may hold at most " + arg + " items";
                case "uniqueItems" -> "must not hold an item twice";
                default -> "is not valid: " + why.getError();
            };
        }
    }

    private static String typeName(String type) {
        return switch (type) {
            case "integer" -> "a whole number";
            case "boolean" -> "true or false";
            case "object" -> "an object";
            case "array" -> "an array";
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    private static boolean isType(OutputUnit unit) {
        String at = unit.getAbsoluteKeywordLocation();
        return at != null && at.endsWith("/type");
    }

    private static int depth(OutputUnit unit) {
        String at = unit.getInstanceLocation();
        return at == null ? -1 : at.split("/", -1).length;
    }

    /** Whether instance location {@code outer} is {@code inner} or holds it. */
    private static boolean within(String outer, String inner) {
        if (outer == null || inner == null) {
            return false;
        }
        return inner.equals(outer) || inner.startsWith(outer.endsWith("/") ? outer : outer + "/");
    }

    private JsonObject schemaAt(String pointer) {
        Object at = document;
        for (String token : tokens(pointer)) {
            if (at instanceof JsonObject o) {
                at = o.getValue(token);
            } else if (at instanceof JsonArray a && token.matches("[0-9]{1,9}") && index(token) < a.size()) {
                at = a.getValue(index(token));
            } else {
                return null;
            }
        }
        return at instanceof JsonObject o ? o : null;
    }

    /** The unescaped tokens of a JSON pointer, with or without its leading '#'. */
    private static String[] tokens(String pointer) {
        String p = pointer == null ? "" : pointer.replaceFirst("^#?/?", "");
        if (p.isEmpty()) {
            return new String[0];
        }
        String[] tokens = p.split("/", -1);
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = unescape(tokens[i]);
        }
        return tokens;
    }

    private static int index(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The pointer of the operation's JSON request body schema. */
    private static String root(String method, String path) {
        return "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT)
                + "/requestBody/content/application~1json/schema";
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
