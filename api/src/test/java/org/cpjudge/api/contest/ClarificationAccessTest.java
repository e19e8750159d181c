package org.cpjudge.api.contest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reading rule, reader by reader, over one contest's clarifications. */
class ClarificationAccessTest {

    private static final long JURY_ID = 1;
    private static final long ASKER = 10;
    private static final long OTHER = 11;
    private static final Instant T = Instant.parse("2026-12-01T10:00:00.123456Z");

    private static Clarification question(long id, long asker) {
        return new Clarification(id, "c", "p1", asker, "u" + asker, false, null, null, false, "q" + id, T);
    }

    private static Clarification answer(long id, Clarification question, boolean isPublic) {
        return new Clarification(id, "c", question.problemId(), JURY_ID, "admin", true, question.id(),
                isPublic ? null : question.fromUserId(), isPublic, "a" + id, T);
    }

    private static final Clarification Q1 = question(1, ASKER);
    private static final Clarification PRIVATE = answer(2, Q1, false);
    private static final Clarification Q3 = question(3, ASKER);
    private static final Clarification PUBLIC = answer(4, Q3, true);
    private static final Clarification ANNOUNCEMENT =
            new Clarification(5, "c", null, JURY_ID, "admin", true, null, null, true, "all", T);
    private static final Clarification OTHERS = question(6, OTHER);
    private static final ClarificationAccess ACCESS =
            new ClarificationAccess(List.of(OTHERS, ANNOUNCEMENT, PUBLIC, Q3, PRIVATE, Q1));

    private static List<Long> ids(ClarificationReader reader) {
        return ACCESS.visibleTo(reader).stream().map(j -> j.getLong("id")).toList();
    }

    @Test
    void eachReaderSeesWhatIsTheirsAndWhatIsPublicOldestFirst() {
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), ids(ClarificationReader.jury(JURY_ID)));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids(ClarificationReader.user(ASKER)));
        assertEquals(List.of(3L, 4L, 5L, 6L), ids(ClarificationReader.user(OTHER)));
        assertEquals(List.of(3L, 4L, 5L), ids(ClarificationReader.ANONYMOUS));
    }

    @Test
    void theAskerIsNamedOnlyToThemselvesAndTheJuryAndTheJuryNeverByName() {
        assertEquals("u10", ACCESS.view(ClarificationReader.user(ASKER), 3).orElseThrow().getString("from"));
        assertEquals("u10", ACCESS.view(ClarificationReader.jury(JURY_ID), 3).orElseThrow().getString("from"));
        assertNull(ACCESS.view(ClarificationReader.user(OTHER), 3).orElseThrow().getValue("from"));
        assertNull(ACCESS.view(ClarificationReader.ANONYMOUS, 3).orElseThrow().getValue("from"));
        for (long id : new long[] {2, 4, 5}) {
            JsonObject jury = ACCESS.view(ClarificationReader.jury(JURY_ID), id).orElseThrow();
            assertEquals("jury", jury.getString("from"));
            assertFalse(jury.encode().contains("admin"), jury.encode());
        }
    }

    @Test
    void aQuestionCarriesTheAnswersTheReaderMaySee() {
        JsonObject own = ACCESS.view(ClarificationReader.user(ASKER), 1).orElseThrow();
        assertTrue(own.getBoolean("answered"));
        assertEquals(new JsonArray().add(2L), own.getJsonArray("answers"));
        assertFalse(own.getBoolean("public"), "answered privately");
        JsonObject published = ACCESS.view(ClarificationReader.ANONYMOUS, 3).orElseThrow();
        assertTrue(published.getBoolean("public"), "answered publicly");
        assertEquals(new JsonArray().add(4L), published.getJsonArray("answers"));
        JsonObject open = ACCESS.view(ClarificationReader.user(OTHER), 6).orElseThrow();
        assertFalse(open.getBoolean("answered"));
        assertEquals("question", open.getString("kind"));
        assertEquals("announcement", ACCESS.view(ClarificationReader.ANONYMOUS, 5).orElseThrow().getString("kind"));
        assertEquals("answer", ACCESS.view(ClarificationReader.ANONYMOUS, 4).orElseThrow().getString("kind"));
        assertEquals("2026-12-01T10:00:00.123Z", open.getString("created_at"));
    }

    @Test
    void whatAReaderMayNotSeeIsAbsent() {
        assertTrue(ACCESS.view(ClarificationReader.user(OTHER), 1).isEmpty());
        assertTrue(ACCESS.view(ClarificationReader.user(OTHER), 2).isEmpty());
        assertTrue(ACCESS.view(ClarificationReader.ANONYMOUS, 6).isEmpty());
        assertTrue(ACCESS.view(ClarificationReader.jury(JURY_ID), 99).isEmpty());
    }
}
