package org.cpjudge.api.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bucket per key (a token's digest, an address) at one rate, in this process's memory. Buckets that refilled
 * completely are dropped by {@link #sweep}, so the map holds only callers seen lately.
 */
final class KeyedBuckets {

    private final Rate rate;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    KeyedBuckets(Rate rate) {
        this.rate = rate;
    }

    /** 0 when {@code key} may go on, else the nanoseconds it has to wait. */
    long take(String key, long now) {
        if (rate.unlimited()) {
            return 0;
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(rate, now)).take(now);
    }

    void sweep(long now) {
        buckets.values().removeIf(b -> b.full(now));
    }

    int size() {
        return buckets.size();
    }
}
