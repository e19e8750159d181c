package org.cpjudge.api.observe;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.EnumSet;
import javax.sql.DataSource;
import org.cpjudge.sandbox.Sandbox;

/**
 * This process's metrics, in one Micrometer registry scraped at {@code GET /metrics} in Prometheus's text format:
 * Vert.x's own HTTP server metrics (latency by route template, method and status), the connection pool's (Hikari's
 * Micrometer support), the judge's ({@link JudgeMetrics}, {@link MeteredSandbox}), the queue's
 * ({@link QueueGauges}) and the JVM's.
 */
public final class ServerMetrics {

    /** Vert.x's name for its HTTP server response time, the latency by route. */
    static final String HTTP_SERVER_RESPONSE_TIME = "vertx.http.server.response.time";

    /**
     * Buckets for request latency: from a cached read to a slow problem import. A fixed, short list keeps each
     * route's histogram to a dozen series (Micrometer's own percentile histogram has about seventy buckets).
     */
    private static final Duration[] HTTP_BUCKETS = durations(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
            0.5, 1, 2.5, 5, 10);

    private final PrometheusMeterRegistry registry;
    private final JudgeMetrics judging;

    private ServerMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.judging = new JudgeMetrics(registry);
    }

    public static ServerMetrics create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // before any meter exists: filters apply to meters registered after them
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(HTTP_SERVER_RESPONSE_TIME)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos(HTTP_BUCKETS)).build()
                        .merge(config);
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new ServerMetrics(registry);
    }

    /**
     * A Vert.x reporting to this registry. Labels are the route template, never the raw path: a path carries ids
     * (one series per submission would grow without bound), and a request no route matched has an empty route.
     */
    public Vertx newVertx() {
        MicrometerMetricsOptions options = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE,
                        Label.POOL_NAME));
        return Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(options))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
    }

    /** Reports the pool's connections (active, idle, pending, acquire and usage time) through Hikari's own meters. */
    public void watchPool(DataSource pool) {
        if (pool instanceof HikariDataSource hikari) {
            hikari.setMetricRegistry(registry);
        }
    }

    /** The sandbox, its every run timed (see {@link MeteredSandbox}). */
    public Sandbox meter(Sandbox sandbox) {
        return sandbox == null ? null : new MeteredSandbox(sandbox, registry);
    }

    public JudgeMetrics judging() {
        return judging;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Everything, in Prometheus text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    static Duration[] durations(double... seconds) {
        Duration[] out = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return out;
    }

    private static double[] nanos(Duration[] buckets) {
        double[] out = new double[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            out[i] = buckets[i].toNanos();
        }
        return out;
    }
}
