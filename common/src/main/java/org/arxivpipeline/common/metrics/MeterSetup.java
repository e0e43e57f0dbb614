package org.arxivpipeline.common.metrics;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * What every service's meters share, for the alert rules and the dashboard in {@code deploy/}
 * (docs/operations.md):
 * <ul>
 * <li>a {@code service} label with the service's name on every series, so that a rule selects a service
 * however the scraper names its jobs (compose, a ServiceMonitor, static lists);</li>
 * <li>histogram buckets (fixed ones: a handful of series per URI, not Micrometer's 70) on the latencies the
 * rules take quantiles of: requests served and sent, arXiv calls, watch runs.</li>
 * </ul>
 */
@Singleton
public class MeterSetup {

    /** Bucket bounds in seconds, per timer: from a fast page to the longest a client may wait. */
    static final Map<String, double[]> BUCKETS = Map.of(
            "http.server.requests", new double[] {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30},
            "http.client.requests", new double[] {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30},
            "arxiv.call.duration", new double[] {0.25, 0.5, 1, 2, 5, 10, 20, 30, 60},
            "arxiv.watch.run.duration", new double[] {0.5, 1, 2, 5, 10, 30, 60, 120, 300});

    @Produces
    @Singleton
    MeterFilter serviceLabel(@ConfigProperty(name = "quarkus.application.name") String service) {
        return MeterFilter.commonTags(java.util.List.of(io.micrometer.core.instrument.Tag.of("service", service)));
    }

    @Produces
    @Singleton
    MeterFilter latencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                double[] bounds = BUCKETS.get(id.getName());
                if (bounds == null) {
                    return config;
                }
                double[] nanos = new double[bounds.length];
                for (int i = 0; i < bounds.length; i++) {
                    nanos[i] = Duration.ofMillis(Math.round(bounds[i] * 1000)).toNanos();
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
