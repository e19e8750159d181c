package org.cpjudge.api.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.cpjudge.sandbox.Sandbox;
import org.cpjudge.sandbox.SandboxResult;
import org.cpjudge.sandbox.SandboxSpec;

/**
 * A sandbox whose runs are timed: the overhead of a run is the round trip to the supervisor (request, box set-up,
 * tear-down, answer) minus the wall time the program itself ran, which is what isolation costs per run. CPU time is
 * not subtracted: a program waiting on input or sleeping is the program's time, not the sandbox's.
 */
final class MeteredSandbox implements Sandbox {

    private static final Duration[] BUCKETS = ServerMetrics.durations(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
            0.05, 0.1, 0.25, 0.5, 1, 5);

    private final Sandbox delegate;
    private final Map<SandboxResult.Outcome, Timer> overhead = new EnumMap<>(SandboxResult.Outcome.class);
    private final Timer failed;

    MeteredSandbox(Sandbox delegate, MeterRegistry registry) {
        this.delegate = delegate;
        for (SandboxResult.Outcome o : SandboxResult.Outcome.values()) {
            overhead.put(o, overhead(registry, o.name().toLowerCase(Locale.ROOT)));
        }
        this.failed = overhead(registry, "exception");
    }

    private static Timer overhead(MeterRegistry registry, String outcome) {
        return Timer.builder("cpjudge.sandbox.overhead")
                .description("supervisor round trip minus the run's own wall time, per sandboxed run")
                .tag("outcome", outcome).serviceLevelObjectives(BUCKETS).register(registry);
    }

    @Override
    public SandboxResult run(SandboxSpec spec) throws IOException, InterruptedException {
        long start = System.nanoTime();
        SandboxResult result;
        try {
            result = delegate.run(spec);
        } catch (IOException | RuntimeException e) {
            failed.record(Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
        long roundTrip = System.nanoTime() - start;
        overhead.get(result.outcome()).record(Duration.ofNanos(Math.max(0, roundTrip - result.wallTimeMs() * 1_000_000)));
        return result;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
