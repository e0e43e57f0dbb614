package org.arxivpipeline.results.service;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.arxivpipeline.results.config.ResultsConfig;
import org.arxivpipeline.results.repository.ResultRepository;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Merges the GIN indexes' pending entries (rows written since the last merge) into the indexes every
 * {@code ARXIV_RESULTS_INDEX_UPKEEP_INTERVAL}, on a Vert.x timer, off any request: every filtered page reads
 * a pending list whole, and PostgreSQL alone merges it only at 4 MB or at a vacuum, so after a burst of
 * writes it stayed for hours (migration V5 says what it cost). With nothing pending a merge is a round
 * trip. One merge at a time per replica; replicas merging at once wait for each other in PostgreSQL.
 */
@ApplicationScoped
public class ResultIndexUpkeep {

    private static final Logger LOG = Logger.getLogger(ResultIndexUpkeep.class);

    @Inject
    Vertx vertx;

    @Inject
    ResultsConfig config;

    @Inject
    ResultRepository repository;

    private final AtomicBoolean merging = new AtomicBoolean();
    /** Whether the last merge failed: a failure is logged once as a warning until one succeeds again. */
    private volatile boolean failing;
    private long timer = -1;

    void start(@Observes StartupEvent started) {
        long every = config.indexUpkeepInterval().toMillis();
        if (every > 0) {
            timer = vertx.setPeriodic(every, id -> mergeUnlessMerging());
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void mergeUnlessMerging() {
        if (merging.compareAndSet(false, true)) {
            merge().onTermination().invoke(() -> merging.set(false)).subscribe().with(pages -> { }, failure -> { });
        }
    }

    /** One merge; answers the pending pages emptied (0 when nothing was pending). */
    public Uni<Long> merge() {
        return repository.mergePendingIndexEntries()
                .invoke(pages -> {
                    failing = false;
                    if (pages > 0) {
                        LOG.debugf("Merged %d pending pages of the results' indexes", pages);
                    }
                })
                .onFailure().invoke(failure -> {
                    // the database's own outage is reported by the health check and the requests that meet it
                    if (!failing) {
                        LOG.warnf("Cannot merge the results' pending index entries (filtered pages read them until a merge succeeds): %s",
                                failure.getMessage());
                    }
                    failing = true;
                });
    }
}
