package org.cpjudge.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.cpjudge.api.contest.AiAttempts;
import org.cpjudge.api.contest.AiParticipation;
import org.cpjudge.api.contest.IoiRule;
import org.cpjudge.api.contest.Scoring;
import org.cpjudge.api.contest.Visibility;
import org.cpjudge.api.contest.WireEnum;
import org.cpjudge.api.virtual.VirtualPolicy;
import org.junit.jupiter.api.Test;

/**
 * Request bodies checked by the document's schemas: what they allow passes, anything else is a 400 that names
 * the field, with the code clients rely on (missing_field, invalid_kind, invalid_standings_row, ...).
 */
class RequestSchemasTest {

    private static final JsonObject DOCUMENT = OpenApiDocument.load();
    private final RequestSchemas schemas = new RequestSchemas(DOCUMENT);

    @Test
    void aBodyTheDocumentAllowsPasses() {
        for (String path : new String[] {"/api/v1/contests/{id}/rejudge", "/api/v1/submissions/{id}/rejudge"}) {
            schemas.check("post", path, new JsonObject());
            schemas.check("post", path, new JsonObject().put("force", true));
            schemas.check("post", path, new JsonObject().put("problem", "p1").put("force", false));
            // null is absent, as the hand-written checks took it
            schemas.check("post", path, new JsonObject().putNull("problem").putNull("force"));
        }
        schemas.check("post", "/api/v1/users", new JsonObject().put("handle", "alice").putNull("kind").putNull("name"));
        schemas.check("post", "/api/v1/users", new JsonObject().put("handle", "bot").put("kind", "ai")
                .put("model", "gpt").put("provider", "tests").put("model_version", "1").put("extra", 1));
        schemas.check("post", "/api/v1/contests", contest());
        // seconds may be left out: the server always took such times
        schemas.check("post", "/api/v1/contests", contest().put("start", "2026-11-24T10:00Z"));
        schemas.check("patch", "/api/v1/contests/{id}", new JsonObject().putNull("scoring").putNull("labels")
                .putNull("freeze_minutes").putNull("registration_opens").put("duration_minutes", 60.0));
        schemas.check("post", "/api/v1/contests/{id}/register", new JsonObject());
        schemas.check("post", "/api/v1/contests/{id}/clarifications", new JsonObject().putNull("problem")
                .put("text", "x".repeat(10_000)).put("reply_to", "12").put("public", true));
        schemas.check("post", "/api/v1/contests/{id}/clarifications", new JsonObject().put("text", "?").put("reply_to", 3));
        schemas.check("post", "/api/v1/contests/{id}/virtual", new JsonObject().put("policy", "paced").put("pace_minutes", 5));
        schemas.check("post", "/api/v1/contests/{id}/standings", new JsonObject().put("standings", new JsonArray()
                .add(row("a").put("rank", 1))
                .add(row("b").put("problems", new JsonArray().add(new JsonObject().put("problem", "A")
                        .put("solved", true).put("minute", 3).putNull("points"))))));
    }

    @Test
    void aBodyOfTheWrongTypesIsABadRequestThatSaysWhere() {
        refused("post", "/api/v1/contests/{id}/rejudge", new JsonObject().put("force", "yes"), "invalid_field", "'force'");
        refused("post", "/api/v1/contests/{id}/rejudge", new JsonObject().put("problem", 7), "invalid_field", "'problem'");
        refused("post", "/api/v1/users", new JsonObject().put("handle", 7), "invalid_field", "'handle' must be a string");
        refused("post", "/api/v1/users", new JsonObject().put("handle", "a").put("name", new JsonArray()), "invalid_field", "'name'");
        refused("post", "/api/v1/contests", contest().put("duration_minutes", "long"), "invalid_field", "'duration_minutes'");
        refused("post", "/api/v1/contests", contest().put("duration_minutes", 0), "invalid_field", "'duration_minutes' must be at least 1");
        refused("post", "/api/v1/contests", contest().put("problems", new JsonArray().add("p1").add(2)), "invalid_field",
                "'problems[1]'");
        refused("patch", "/api/v1/contests/{id}", new JsonObject().put("points", new JsonObject().put("p1", "many")),
                "invalid_field", "'points.p1'");
        refused("patch", "/api/v1/contests/{id}", new JsonObject().put("rated", "yes"), "invalid_field", "'rated'");
        refused("post", "/api/v1/contests/{id}/register", new JsonObject().put("handle", 5), "invalid_field", "'handle'");
        refused("post", "/api/v1/contests/{id}/register", new JsonObject().put("display_name", ""), "invalid_field",
                "'display_name'");
        refused("post", "/api/v1/contests/{id}/clarifications", new JsonObject().put("text", "?").put("public", "no"),
                "invalid_field", "'public'");
        refused("post", "/api/v1/contests/{id}/clarifications", new JsonObject().put("text", "?").put("reply_to", 0),
                "invalid_field", "'reply_to'");
        refused("post", "/api/v1/contests/{id}/clarifications", new JsonObject().put("text", "?").put("reply_to", "x1"),
                "invalid_field", "'reply_to'");
        refused("post", "/api/v1/contests/{id}/virtual", new JsonObject().put("policy", "sometimes"), "invalid_field",
                "'policy' must be one of");
        refused("post", "/api/v1/contests/{id}/virtual", new JsonObject().put("pace_minutes", 1.5), "invalid_field",
                "'pace_minutes'");
    }

    @Test
    void theCodesClientsRelyOnStay() {
        // absent, null and empty required fields: missing_field, naming the field
        refused("post", "/api/v1/users", new JsonObject(), "missing_field", "'handle' is required");
        refused("post", "/api/v1/users", new JsonObject().putNull("handle"), "missing_field", "'handle' is required");
        refused("post", "/api/v1/contests", contest().put("problems", new JsonArray()), "missing_field", "'problems'");
        refused("patch", "/api/v1/contests/{id}", new JsonObject().putNull("name"), "missing_field", "'name' is required");
        refused("post", "/api/v1/contests/{id}/clarifications", new JsonObject().put("problem", "a"), "missing_field",
                "'text' is required");
        refused("post", "/api/v1/contests/{id}/standings", new JsonObject(), "missing_field", "'standings' is required");
        refused("post", "/api/v1/contests/{id}/standings", new JsonObject().put("standings", new JsonArray()),
                "missing_field", "'standings'");
        // a word of a field's own vocabulary: that field's code, as the document's x-error-codes say
        refused("post", "/api/v1/users", new JsonObject().put("handle", "a b"), "invalid_handle", "'handle' must match");
        refused("post", "/api/v1/users", new JsonObject().put("handle", "e").put("kind", "robot"), "invalid_kind", "'kind'");
        refused("post", "/api/v1/users", new JsonObject().put("handle", "e").put("role", "king"), "invalid_role", "'role'");
        refused("post", "/api/v1/contests", contest().put("scoring", "golf"), "invalid_scoring", "'scoring'");
        refused("post", "/api/v1/contests", contest().put("id", "Round 1"), "invalid_id", "'id'");
        refused("patch", "/api/v1/contests/{id}", new JsonObject().put("ai_attempts", "best"), "invalid_ai_attempts",
                "'ai_attempts'");
        refused("patch", "/api/v1/contests/{id}", new JsonObject().put("visibility", "secret"), "invalid_visibility",
                "'visibility'");
        // a wrong type is invalid_field even where a field has its own code for a wrong word
        refused("post", "/api/v1/users", new JsonObject().put("handle", "e").put("kind", 3), "invalid_field", "'kind'");
        refused("post", "/api/v1/contests/{id}/clarifications", new JsonObject().put("text", "x".repeat(10_001)),
                "text_too_long", "'text' may hold at most 10000 characters");
        // anything wrong inside a reference standings row is that row's fault
        JsonArray rows = new JsonArray().add(row("a").put("rank", 1)).add(row("b").put("rank", 2))
                .add(new JsonObject().put("handle", "c").put("rank", 3));
        refused("post", "/api/v1/contests/{id}/standings", new JsonObject().put("standings", rows),
                "invalid_standings_row", "'standings[2].rating' is required");
        rows = new JsonArray().add(row("a").put("problems", new JsonArray().add(new JsonObject().put("problem", "A")
                .put("minute", "late"))));
        refused("post", "/api/v1/contests/{id}/standings", new JsonObject().put("standings", rows),
                "invalid_standings_row", "'standings[0].problems[0].minute'");
    }

    /** Where the document and the code each list a field's words, they list the same ones. */
    @Test
    void theDocumentsWordsAreTheEnumsWords() {
        JsonObject fields = schema("ContestFields").getJsonObject("properties");
        assertEquals(words(Scoring.class), listed(fields, "scoring"));
        assertEquals(words(Visibility.class), listed(fields, "visibility"));
        assertEquals(words(IoiRule.class), listed(fields, "ioi_rule"));
        assertEquals(words(AiParticipation.class), listed(fields, "ai_participation"));
        assertEquals(words(AiAttempts.class), listed(fields, "ai_attempts"));
        assertEquals(new TreeSet<>(Set.of("codeforces-2020", "start-1500")), listed(fields, "newcomer_rule"));
        listed(fields, "newcomer_rule").forEach(rule -> assertTrue(org.cpjudge.api.contest.NewcomerRules.known((String) rule), (String) rule));
        JsonObject virtual = DOCUMENT.getJsonObject("paths").getJsonObject("/api/v1/contests/{id}/virtual")
                .getJsonObject("post").getJsonObject("requestBody").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getJsonObject("properties");
        assertEquals(words(VirtualPolicy.class), listed(virtual, "policy"));
        assertEquals(words(VirtualPolicy.class), new TreeSet<>(schema("VirtualPolicy").getJsonArray("enum").getList()));
    }

    private static JsonObject schema(String name) {
        return DOCUMENT.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
    }

    private static Set<Object> listed(JsonObject properties, String field) {
        Set<Object> words = new TreeSet<>();
        properties.getJsonObject(field).getJsonArray("enum").forEach(w -> {
            if (w != null) {
                words.add(w);
            }
        });
        return words;
    }

    private static <E extends Enum<E>> Set<Object> words(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.toCollection(TreeSet::new));
    }

    private void refused(String method, String path, JsonObject body, String code, String messageStart) {
        ApiException e = assertThrows(ApiException.class, () -> schemas.check(method, path, body), body.encode());
        assertEquals(400, e.status());
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
    }

    private static JsonObject contest() {
        return new JsonObject().put("id", "round1").put("name", "Round 1").put("start", "2026-11-24T10:00:00Z")
                .put("duration_minutes", 120).put("scoring", "icpc").put("problems", new JsonArray().add("p1"))
                .put("freeze_minutes", 60).put("rated", true);
    }

    private static JsonObject row(String handle) {
        return new JsonObject().put("handle", handle).put("rating", 1500);
    }
}
