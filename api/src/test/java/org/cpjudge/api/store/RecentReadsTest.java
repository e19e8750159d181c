package org.cpjudge.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentReadsTest {

    private final AtomicInteger reads = new AtomicInteger();

    private Optional<String> read(String key) {
        reads.incrementAndGet();
        return key.startsWith("known") ? Optional.of(key.toUpperCase()) : Optional.empty();
    }

    @Test
    void aValueFoundIsReadOnceWithinItsTimeToLive() throws Exception {
        RecentReads<String, String> recent = new RecentReads<>(Duration.ofMinutes(1), 100);
        assertEquals(Optional.empty(), recent.recent("known-a"), "nothing is known before a read");
        assertEquals(Optional.of("KNOWN-A"), recent.get("known-a", this::read));
        assertEquals(Optional.of("KNOWN-A"), recent.get("known-a", this::read));
        assertEquals(Optional.of("KNOWN-A"), recent.recent("known-a"));
        assertEquals(1, reads.get());
    }

    @Test
    void somethingNotFoundIsAskedAgainEveryTime() throws Exception {
        RecentReads<String, String> recent = new RecentReads<>(Duration.ofMinutes(1), 100);
        assertEquals(Optional.empty(), recent.get("missing", this::read));
        assertEquals(Optional.empty(), recent.get("missing", this::read));
        assertEquals(2, reads.get(), "a key made meanwhile must be found");
    }

    @Test
    void aValueIsReadAgainOnceItsTimeToLiveRanOut() throws Exception {
        RecentReads<String, String> recent = new RecentReads<>(Duration.ofMillis(50), 100);
        recent.get("known-a", this::read);
        Thread.sleep(80);
        assertEquals(Optional.empty(), recent.recent("known-a"));
        recent.get("known-a", this::read);
        assertEquals(2, reads.get());
    }

    @Test
    void forgettingMakesEveryKeyReadAgain() throws Exception {
        RecentReads<String, String> recent = new RecentReads<>(Duration.ofMinutes(1), 100);
        recent.get("known-a", this::read);
        recent.forgetAll();
        assertEquals(Optional.empty(), recent.recent("known-a"));
        recent.get("known-a", this::read);
        assertEquals(2, reads.get());
    }

    @Test
    void aReadThatAForgetOvertookIsNotKept() throws Exception {
        RecentReads<String, String> recent = new RecentReads<>(Duration.ofMinutes(1), 100);
        // the owner changes the value while it is being read: what the read saw may be from before the change
        assertEquals(Optional.of("OLD"), recent.get("known-a", key -> {
            recent.forgetAll();
            return Optional.of("OLD");
        }));
        assertEquals(Optional.empty(), recent.recent("known-a"));
    }

    @Test
    void theNumberOfKeysKeptIsBounded() throws Exception {
        RecentReads<String, String> recent = new RecentReads<>(Duration.ofMinutes(1), 10);
        for (int i = 0; i < 25; i++) {
            recent.get("known-" + i, this::read);
        }
        int kept = 0;
        for (int i = 0; i < 25; i++) {
            kept += recent.recent("known-" + i).isPresent() ? 1 : 0;
        }
        assertTrue(kept >= 1 && kept <= 10, "kept " + kept);
    }
}
