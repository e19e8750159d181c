package org.cpjudge.api.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.cpjudge.api.queue.JobPriority;
import org.cpjudge.judge.Verdict;

/**
 * What the workers report: verdicts written, by verdict; the time from a job's enqueueing to its verdict being
 * written, and the part of it spent waiting in the queue, both by the job's class (live, practice, ...).
 */
public final class JudgeMetrics {

    private static final Duration[] LATENCY_BUCKETS = ServerMetrics.durations(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10,
            30, 60, 120, 300, 600);

    private final Map<Verdict, Counter> verdicts = new EnumMap<>(Verdict.class);
    private final Map<JobPriority, Timer> latency = new EnumMap<>(JobPriority.class);
    private final Map<JobPriority, Timer> waiting = new EnumMap<>(JobPriority.class);

    /** Metrics kept in memory and served nowhere: for workers embedded where nothing scrapes them (tests). */
    public static JudgeMetrics unserved() {
        return new JudgeMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    JudgeMetrics(MeterRegistry registry) {
        for (Verdict v : Verdict.values()) {
            verdicts.put(v, Counter.builder("cpjudge.verdicts")
                    .description("verdicts written by this process's judge workers")
                    .tag("verdict", v.name()).register(registry));
        }
        for (JobPriority p : JobPriority.values()) {
            String jobClass = p.name().toLowerCase(Locale.ROOT);
            latency.put(p, Timer.builder("cpjudge.judging.latency")
                    .description("from the job's enqueueing to its verdict written")
                    .tag("class", jobClass).serviceLevelObjectives(LATENCY_BUCKETS).register(registry));
            waiting.put(p, Timer.builder("cpjudge.queue.wait")
                    .description("from the job's enqueueing to the claim that judged it")
                    .tag("class", jobClass).serviceLevelObjectives(LATENCY_BUCKETS).register(registry));
        }
    }

    /** A verdict written, for a job of {@code priority}'s class that waited {@code waited} and took {@code total}. */
    public void judged(Verdict verdict, JobPriority priority, Duration waited, Duration total) {
        verdicts.get(verdict).increment();
        waiting.get(priority).record(waited);
        latency.get(priority).record(total);
    }
}
