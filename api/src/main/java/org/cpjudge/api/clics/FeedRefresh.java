package org.cpjudge.api.clics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cpjudge.api.contest.Contest;

/**
 * When an open event feed must rebuild its events. Rebuilding reads the whole contest, so a feed polls a cheap
 * fingerprint of the data ({@link ClicsStore#fingerprint}) every second and rebuilds only when
 * <ul>
 *   <li>the data changed, and for a little while after (the feed holds back its newest events for
 *       {@link EventFeed#SETTLE}, which then come due);</li>
 *   <li>the clock passed a moment that changes what is shown (the start, the freeze, the end);</li>
 *   <li>a minute went by (the judge workers' languages are not in the fingerprint).</li>
 * </ul>
 */
final class FeedRefresh {

    private static final Duration AFTER_CHANGE = EventFeed.SETTLE.plusSeconds(1);
    private static final Duration AT_LEAST_EVERY = Duration.ofMinutes(1);

    private String fingerprint;
    private Instant changedAt = Instant.MIN;
    private Instant builtAt = Instant.MIN;
    private List<Instant> moments = List.of();

    /** Whether to rebuild now, given the data's fingerprint now. */
    boolean due(String current, Instant now) {
        if (!current.equals(fingerprint)) {
            fingerprint = current;
            changedAt = now;
            return true;
        }
        if (!now.isAfter(changedAt.plus(AFTER_CHANGE))) {
            return true;
        }
        for (Instant m : moments) {
            Instant shown = m.plus(EventFeed.SETTLE);
            if (builtAt.isBefore(shown) && !now.isBefore(shown)) {
                return true;
            }
        }
        return !now.isBefore(builtAt.plus(AT_LEAST_EVERY));
    }

    /** A rebuild happened at {@code now} from data with {@code current} as its fingerprint. */
    void built(String current, Contest contest, Instant now) {
        if (!current.equals(fingerprint)) {
            fingerprint = current;
            changedAt = now;
        }
        builtAt = now;
        moments = List.of(contest.startsAt(), contest.freezeStart(), contest.end());
    }
}
