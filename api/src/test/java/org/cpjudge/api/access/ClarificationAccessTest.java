package org.cpjudge.api.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.cpjudge.api.contest.Clarification;
import org.cpjudge.api.store.User;
import org.junit.jupiter.api.Test;

/** The reading rule, reader by reader, over one contest's clarifications. */
class ClarificationAccessTest {

    private static final long JURY_ID = 1;
    private static final long ASKER = 10;
    private static final long OTHER = 11;
    private static final Viewer JURY = new Viewer(new User(JURY_ID, "admin", "human", "admin", null, null, null, null));

    private static Viewer viewer(long id) {
        return new Viewer(new User(id, "u" + id, "human", "contestant", null, null, null, null));
    }
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

    private static List<Long> ids(Viewer reader) {
        return ACCESS.visibleTo(reader).stream().map(j -> j.getLong("id")).toList();
    }

    @Test
    void eachReaderSeesWhatIsTheirsAndWhatIsPublicOldestFirst() {
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), ids(JURY));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids(viewer(ASKER)));
        assertEquals(List.of(3L, 4L, 5L, 6L), ids(viewer(OTHER)));
        assertEquals(List.of(3L, 4L, 5L), ids(Viewer.ANONYMOUS));
    }

    @Test
    void theAskerIsNamedOnlyToThemselvesAndTheJuryAndTheJuryNeverByName() {
        assertEquals("u10", ACCESS.view(viewer(ASKER), 3).orElseThrow().getString("from"));
        assertEquals("u10", ACCESS.view(JURY, 3).orElseThrow().getString("from"));
        assertNull(ACCESS.view(viewer(OTHER), 3).orElseThrow().getValue("from"));
        assertNull(ACCESS.view(Viewer.ANONYMOUS, 3).orElseThrow().getValue("from"));
        for (long id : new long[] {2, 4, 5}) {
            JsonObject jury = ACCESS.view(JURY, id).orElseThrow();
            assertEquals("jury", jury.getString("from"));
            assertFalse(jury.encode().contains("admin"), jury.encode());
        }
    }

    @Test
    void aQuestionCarriesTheAnswersTheReaderMaySee() {
        JsonObject own = ACCESS.view(viewer(ASKER), 1).orElseThrow();
        assertTrue(own.getBoolean("answered"));
        assertEquals(new JsonArray().add(2L), own.getJsonArray("answers"));
        assertFalse(own.getBoolean("public"), "answered privately");
        JsonObject published = ACCESS.view(Viewer.ANONYMOUS, 3).orElseThrow();
        assertTrue(published.getBoolean("public"), "answered publicly");
        assertEquals(new JsonArray().add(4L), published.getJsonArray("answers"));
        JsonObject open = ACCESS.view(viewer(OTHER), 6).orElseThrow();
        assertFalse(open.getBoolean("answered"));
        assertEquals("question", open.getString("kind"));
        assertEquals("announcement", ACCESS.view(Viewer.ANONYMOUS, 5).orElseThrow().getString("kind"));
        assertEquals("answer", ACCESS.view(Viewer.ANONYMOUS, 4).orElseThrow().getString("kind"));
        assertEquals("2026-12-01T10:00:00.123Z", open.getString("created_at"));
    }

    @Test
    void whatAReaderMayNotSeeIsAbsent() {
        assertTrue(ACCESS.view(viewer(OTHER), 1).isEmpty());
        assertTrue(ACCESS.view(viewer(OTHER), 2).isEmpty());
        assertTrue(ACCESS.view(Viewer.ANONYMOUS, 6).isEmpty());
        assertTrue(ACCESS.view(JURY, 99).isEmpty());
    }
}
