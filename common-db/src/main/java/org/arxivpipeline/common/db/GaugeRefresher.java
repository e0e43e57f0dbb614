package org.arxivpipeline.common.db;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;

/**
 * Refreshes gauges that are read from the database ({@link DatabaseProbe}, a service's own figures) every
 * {@code ARXIV_DB_GAUGE_INTERVAL} (15 s; a scraper reads them every 15–30 s), on a Vert.x timer: nothing
 * blocks, and the timers end when the service stops.
 */
@Singleton
public class GaugeRefresher {

    @Inject
    Vertx vertx;

    @Inject
    DatabaseConfig config;

    private final List<Long> timers = new CopyOnWriteArrayList<>();

    /** Runs {@code refresh} once every interval from now on (the first time one interval from now) until the service stops. */
    public void every(Runnable refresh) {
        timers.add(vertx.setPeriodic(config.gaugeInterval().toMillis(), id -> refresh.run()));
    }

    void stop(@Observes ShutdownEvent stopping) {
        timers.forEach(vertx::cancelTimer);
        timers.clear();
    }
}
