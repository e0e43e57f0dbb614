package org.arxivpipeline.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

class MeterSetupTest {

    @Test
    void everySeriesNamesItsServiceAndTheRulesTimersHaveBuckets() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MeterSetup setup = new MeterSetup();
        registry.config().meterFilter(setup.serviceLabel("backend-queries")).meterFilter(setup.latencyBuckets());

        Timer served = registry.timer("http.server.requests", "uri", "/read-queries");
        served.record(Duration.ofMillis(70));
        registry.timer("other.duration").record(Duration.ofMillis(70));
        registry.counter("queries.served").increment();
        String scraped = registry.scrape();

        assertTrue(scraped.contains("http_server_requests_seconds_bucket{service=\"backend-queries\",uri=\"/read-queries\",le=\"0.05\",} 0.0"), scraped);
        assertTrue(scraped.contains("http_server_requests_seconds_bucket{service=\"backend-queries\",uri=\"/read-queries\",le=\"0.1\",} 1.0"), scraped);
        assertTrue(scraped.contains("http_server_requests_seconds_bucket{service=\"backend-queries\",uri=\"/read-queries\",le=\"30.0\",} 1.0"), scraped);
        assertTrue(scraped.contains("queries_served_total{service=\"backend-queries\",} 1.0"), scraped);
        // a timer the rules do not take quantiles of keeps Micrometer's default: no buckets
        assertTrue(!scraped.contains("other_duration_seconds_bucket"), scraped);
        long buckets = scraped.lines().filter(line -> line.startsWith("http_server_requests_seconds_bucket")).count();
        assertEquals(MeterSetup.BUCKETS.get("http.server.requests").length + 1, buckets, "the bounds and +Inf");
    }
}
