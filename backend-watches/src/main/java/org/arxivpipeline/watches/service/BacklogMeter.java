package org.arxivpipeline.watches.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.arxivpipeline.common.db.GaugeRefresher;
import org.arxivpipeline.watches.repository.WatchRepository;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The watches' backlog as gauges, read from the table every {@code ARXIV_DB_GAUGE_INTERVAL} (15 s, {@link GaugeRefresher}): {@code arxiv_watches},
 * {@code arxiv_watches_due} and {@code arxiv_watches_due_oldest_seconds}, how long the oldest due run has
 * waited for a runner. A run being run or deferred is not due (its next run is ahead), so the last one grows
 * only while no runner claims: every frontend's runner off or down, backend-watches unreachable from them,
 * or more runs due than arXiv's pace lets through. It drives the {@code WatchRunsOverdue} alert
 * (docs/operations.md). Every replica reads the same table: any one of them is the figure.
 */
@Singleton
public class BacklogMeter {

    private static final Logger LOG = Logger.getLogger(BacklogMeter.class);

    @Inject
    WatchRepository repository;

    private final AtomicLong watches = new AtomicLong();
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong oldestDueSeconds = new AtomicLong();
    private volatile boolean failing;

    void start(@Observes StartupEvent started, MeterRegistry registry, GaugeRefresher refresher) {
        registry.gauge("arxiv.watches", watches);
        registry.gauge("arxiv.watches.due", due);
        registry.gauge("arxiv.watches.due.oldest.seconds", oldestDueSeconds);
        refresher.every(this::read);
    }

    /**
     * Reads the backlog once; a failure leaves the last figures (DatabaseUnreachable says why) and is logged
     * once, not at every read while it lasts.
     */
    void read() {
        repository.backlog().subscribe().with(backlog -> {
            watches.set(backlog.watches());
            due.set(backlog.due());
            oldestDueSeconds.set(backlog.oldestDueSeconds());
            failing = false;
        }, failure -> {
            if (!failing) {
                LOG.warnf("The watches' backlog could not be read (its gauges keep their last figures): %s", failure.getMessage());
            }
            failing = true;
        });
    }
}
