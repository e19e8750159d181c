package org.cpjudge.api.limits;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps on open event streams (scoreboard, clarifications, the CLICS event feed), per peer address and in total: a
 * stream holds a connection, a subscription and memory for as long as the client stays. A request for a stream
 * takes a slot before anything else is done for it; over the address's cap it gets 429 {@code too_many_streams},
 * over the total 503 {@code stream_capacity}, both with {@code Retry-After}.
 *
 * <p>A slot is given back when the response ends (an error, a finished feed) and when the client goes away. The
 * streams set their own close handlers on the response (one each, replacing any other), so gone clients are found
 * by a sweep over the open slots ({@link #sweep}, from a timer) instead of by a handler that could be replaced.
 */
public final class StreamSlots implements Handler<RoutingContext> {

    private static final long RETRY_NANOS = 5_000_000_000L;

    private final int perAddress;
    private final int total;
    private final AtomicInteger open = new AtomicInteger();
    /** Open streams by address; an address with none has no entry (updated atomically per key). */
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();

    private final ClientAddress clientAddress;

    public StreamSlots(Limits limits) {
        this.clientAddress = limits.clientAddress();
        this.perAddress = limits.streamsPerAddress();
        this.total = limits.streamsTotal();
    }

    /** Puts this handler in front of each stream path; call before the streams' own routes are mounted. */
    public void mount(Router router, String... streamPaths) {
        for (String path : streamPaths) {
            router.get(path).handler(this);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        String address = clientAddress.of(ctx);
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            Refusals.refuse(ctx, 503, "stream_capacity", "this server holds as many event streams as it can", RETRY_NANOS);
            return;
        }
        boolean[] taken = {false};
        byAddress.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= perAddress) {
                return n;
            }
            taken[0] = true;
            return count + 1;
        });
        if (!taken[0]) {
            open.decrementAndGet();
            Refusals.refuse(ctx, 429, "too_many_streams",
                    "this address has " + perAddress + " event streams open already; close one", RETRY_NANOS);
            return;
        }
        Slot slot = new Slot(address, ctx.response());
        slots.add(slot);
        ctx.addEndHandler(done -> slot.release());
        ctx.next();
    }

    /** Streams open now, for tests and metrics. */
    public int open() {
        return open.get();
    }

    /** Gives back the slots of streams whose client went away or whose response ended; called from a timer. */
    public void sweep() {
        for (Slot s : slots) {
            if (s.response.closed() || s.response.ended()) {
                s.release();
            }
        }
    }

    private void release(String address) {
        open.decrementAndGet();
        byAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    private final class Slot {
        private final String address;
        private final HttpServerResponse response;
        private final AtomicBoolean released = new AtomicBoolean();

        Slot(String address, HttpServerResponse response) {
            this.address = address;
            this.response = response;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                slots.remove(this);
                StreamSlots.this.release(address);
            }
        }
    }
}
