package org.cpjudge.api.limits;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The first handler of every request: token buckets per bearer token and per peer address for all requests, and
 * stricter ones on top for submissions and problem uploads. Over a limit: 429 {@code rate_limited} with
 * {@code Retry-After}, before any body is read or any token looked up. In memory, per API process: with several API
 * processes behind a balancer each allows the rates on its own.
 *
 * <p>Requests with an exempt token (the administrator's) are never limited: rejudges, imports and benchmarks run as
 * the administrator. Probes ({@code /health/*}, {@code /metrics}) are never limited either.
 */
public final class RateLimits implements Handler<RoutingContext> {

    private static final long SWEEP_MILLIS = 10_000;

    private final KeyedBuckets perToken;
    private final KeyedBuckets perAddress;
    private final KeyedBuckets submissionsPerToken;
    private final KeyedBuckets submissionsPerAddress;
    private final KeyedBuckets uploadsPerAddress;
    private final Predicate<String> exempt;
    private final LongSupplier clock;
    private long lastSweep;

    private final ClientAddress clientAddress;

    public RateLimits(Limits limits, Predicate<String> exemptToken, LongSupplier nanoClock) {
        this.clientAddress = limits.clientAddress();
        this.perToken = new KeyedBuckets(limits.perToken());
        this.perAddress = new KeyedBuckets(limits.perAddress());
        this.submissionsPerToken = new KeyedBuckets(limits.submissionsPerToken());
        this.submissionsPerAddress = new KeyedBuckets(limits.submissionsPerAddress());
        this.uploadsPerAddress = new KeyedBuckets(limits.uploadsPerAddress());
        this.exempt = exemptToken;
        this.clock = nanoClock;
        this.lastSweep = nanoClock.getAsLong();
    }

    /**
     * Drops the buckets of callers gone quiet (full again) when {@value #SWEEP_MILLIS} ms passed since the last
     * sweep, so memory follows the callers of late. Called from a timer.
     */
    public void sweepIfDue() {
        long now = clock.getAsLong();
        if (now - lastSweep < SWEEP_MILLIS * 1_000_000L) {
            return;
        }
        lastSweep = now;
        for (KeyedBuckets b : List.of(perToken, perAddress, submissionsPerToken, submissionsPerAddress,
                uploadsPerAddress)) {
            b.sweep(now);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        RequestKind kind = RequestKind.of(ctx.request().method(), ctx.request().path());
        String token = CallerKeys.token(ctx);
        if (kind == RequestKind.PROBE || (token != null && exempt.test(token))) {
            ctx.next();
            return;
        }
        long now = clock.getAsLong();
        String address = clientAddress.of(ctx);
        String tokenKey = token == null ? null : CallerKeys.digest(token);
        long wait = perAddress.take(address, now);
        if (wait == 0 && tokenKey != null) {
            wait = perToken.take(tokenKey, now);
        }
        if (wait == 0 && kind == RequestKind.SUBMISSION) {
            wait = submissionsPerAddress.take(address, now);
            if (wait == 0 && tokenKey != null) {
                wait = submissionsPerToken.take(tokenKey, now);
            }
        }
        if (wait == 0 && kind == RequestKind.UPLOAD) {
            wait = uploadsPerAddress.take(address, now);
        }
        if (wait > 0) {
            Refusals.refuse(ctx, 429, "rate_limited", kind == RequestKind.SUBMISSION
                    ? "too many submissions from this caller" : "too many requests from this caller", wait);
            return;
        }
        ctx.next();
    }
}
