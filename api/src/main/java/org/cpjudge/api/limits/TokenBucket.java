package org.cpjudge.api.limits;

/**
 * One caller's allowance: starts full at the rate's burst and refills continuously at its rate. Time is passed in
 * (nanoseconds, monotonic) so that tests and the limiter share one clock.
 */
final class TokenBucket {

    private final Rate rate;
    private double tokens;
    private long updatedAt;

    TokenBucket(Rate rate, long now) {
        this.rate = rate;
        this.tokens = rate.burst();
        this.updatedAt = now;
    }

    /** Takes one token: 0 when it was there, else how many nanoseconds until one will be. */
    synchronized long take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / rate.perSecond() * 1e9);
    }

    /** Full again: the bucket says nothing a fresh one would not, so it can be dropped. */
    synchronized boolean full(long now) {
        refill(now);
        return tokens >= rate.burst();
    }

    private void refill(long now) {
        long elapsed = now - updatedAt;
        if (elapsed > 0) {
            tokens = Math.min(rate.burst(), tokens + elapsed / 1e9 * rate.perSecond());
            updatedAt = now;
        }
    }
}
