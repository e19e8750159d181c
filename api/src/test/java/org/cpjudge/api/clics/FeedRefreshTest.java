package org.cpjudge.api.clics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.cpjudge.api.contest.Admission;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.ContestRules;
import org.junit.jupiter.api.Test;

/** An open feed rebuilds when the data changed (and while its held-back events come due), at the contest's moments, and once a minute. */
class FeedRefreshTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    // 120 minutes, the last 60 frozen: moments at 10:00, 11:00 and 12:00
    private static final Contest CONTEST = new Contest("c", "C", START, 120, 60, ContestRules.icpc(false), Admission.OPEN,
            List.of(), null, null, null);

    @Test
    void rebuildsOnChangesAndLetsHeldBackEventsOut() {
        FeedRefresh r = new FeedRefresh();
        Instant t = START.plusSeconds(600);
        r.built("v1", CONTEST, t);
        assertFalse(r.due("v1", t.plusSeconds(10)), "nothing changed, no moment passed");
        assertTrue(r.due("v2", t.plusSeconds(11)), "the data changed");
        r.built("v2", CONTEST, t.plusSeconds(11));
        assertTrue(r.due("v2", t.plusSeconds(13)), "events held back after the change come due");
        r.built("v2", CONTEST, t.plusSeconds(13));
        assertTrue(r.due("v2", t.plusSeconds(15)));
        r.built("v2", CONTEST, t.plusSeconds(15));
        assertFalse(r.due("v2", t.plusSeconds(17)), "settled: no more rebuilds");
        assertTrue(r.due("v2", t.plusSeconds(15 + 60)), "at least once a minute");
    }

    @Test
    void rebuildsWhenTheFreezeOrTheEndIsReached() {
        FeedRefresh r = new FeedRefresh();
        Instant beforeFreeze = START.plusSeconds(3590);
        r.built("v", CONTEST, beforeFreeze);
        assertFalse(r.due("v", beforeFreeze.plusSeconds(5)));
        assertTrue(r.due("v", START.plusSeconds(3600).plus(EventFeed.SETTLE)), "the freeze began");
        r.built("v", CONTEST, START.plusSeconds(3600).plus(EventFeed.SETTLE));
        assertFalse(r.due("v", START.plusSeconds(3610)));
    }
}
