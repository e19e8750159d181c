package org.cpjudge.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The rejudge body, checked by the document's schema: what it allows passes, anything else is a 400. */
class RequestSchemasTest {

    private final RequestSchemas schemas = new RequestSchemas(OpenApiDocument.load());

    @Test
    void aBodyTheDocumentAllowsPasses() {
        for (String path : new String[] {"/api/v1/contests/{id}/rejudge", "/api/v1/submissions/{id}/rejudge"}) {
            schemas.check("post", path, new JsonObject());
            schemas.check("post", path, new JsonObject().put("force", true));
            schemas.check("post", path, new JsonObject().put("problem", "p1").put("force", false));
            // null is absent, as the hand-written checks took it
            schemas.check("post", path, new JsonObject().putNull("problem").putNull("force"));
        }
    }

    @Test
    void aBodyOfTheWrongTypesIsABadRequestThatSaysWhere() {
        ApiException e = assertThrows(ApiException.class, () ->
                schemas.check("post", "/api/v1/contests/{id}/rejudge", new JsonObject().put("force", "yes")));
        assertEquals(400, e.status());
        assertEquals("invalid_field", e.code());
        assertTrue(e.getMessage().contains("force"), e.getMessage());
        e = assertThrows(ApiException.class, () ->
                schemas.check("post", "/api/v1/contests/{id}/rejudge", new JsonObject().put("problem", 7)));
        assertTrue(e.getMessage().contains("problem"), e.getMessage());
    }
}
