package org.cpjudge.api.clics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Contest API's formats: times, relative times, ids and feed tokens. */
class ClicsFormatsTest {

    @Test
    void absoluteTimesAlwaysCarryMillisecondsAndTheOffset() {
        assertEquals("2026-12-01T10:00:00.000+00:00", ClicsTime.absolute(Instant.parse("2026-12-01T10:00:00Z")));
        assertEquals("2026-12-01T10:00:00.123+00:00", ClicsTime.absolute(Instant.parse("2026-12-01T10:00:00.123456Z")));
    }

    @Test
    void relativeTimesCountHoursPastADayAndGoNegativeBeforeTheStart() {
        assertEquals("1:30:00.000", ClicsTime.relative(Duration.ofMinutes(90)));
        assertEquals("0:00:00.000", ClicsTime.relative(Duration.ZERO));
        assertEquals("-0:15:32.457", ClicsTime.relative(Duration.ofMillis(-(15 * 60_000 + 32_457))));
        assertEquals("30:00:00.001", ClicsTime.relative(Duration.ofHours(30).plusMillis(1)));
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals("-1:00:00.000", ClicsTime.contestTime(start, start.minusSeconds(3600)));
    }

    @Test
    void namesThatAreIdsStayAndOthersBecomeDistinctValidIds() {
        assertEquals("cl_alice", ClicsIds.of("cl_alice"));
        assertEquals("a.b-c", ClicsIds.of("a.b-c"));
        String dotted = ClicsIds.of("bob.");
        assertTrue(ClicsIds.valid(dotted), dotted);
        assertTrue(dotted.startsWith("bob"), dotted);
        String longName = "a-problem-id-that-is-far-longer-than-thirty-six-characters";
        String shortened = ClicsIds.of(longName);
        assertTrue(ClicsIds.valid(shortened) && shortened.length() <= 36, shortened);
        assertNotEquals(shortened, ClicsIds.of(longName + "2"), "the hash keeps long names apart");
        assertTrue(ClicsIds.valid(ClicsIds.of(".hidden")), ClicsIds.of(".hidden"));
        assertTrue(ClicsIds.valid(ClicsIds.organization("Université de Montréal")));
        UUID u = UUID.randomUUID();
        assertTrue(ClicsIds.valid(ClicsIds.submission(u)));
        String run = ClicsIds.run(u, 46655);
        assertTrue(ClicsIds.valid(run) && run.length() <= 36, run);
        assertNotEquals(ClicsIds.run(u, 1), ClicsIds.run(u, 2));
    }

    @Test
    void tokensRoundTripAndOrderEventsByTimeThenType() {
        Instant t = Instant.parse("2026-12-01T10:00:00.123456Z");
        FeedToken a = FeedToken.at(t, 8, "submissions", "x");
        assertEquals(Optional.of(a), FeedToken.parse(a.encode()));
        assertEquals(t, a.instant());
        assertTrue(a.compareTo(FeedToken.at(t, 9, "judgements", "x")) < 0, "a submission before its judgement");
        assertTrue(FeedToken.at(t.plusNanos(1000), 0, "contest", null).compareTo(a) > 0);
        assertEquals(Optional.empty(), FeedToken.parse("not-a-token"));
        assertEquals(Optional.empty(), FeedToken.parse(""));
    }
}
