package org.arxivpipeline.queries.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.model.QueryRecord;
import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.common.time.UnixTime;
import org.arxivpipeline.queries.config.QueriesConfig;
import org.arxivpipeline.queries.repository.QueryRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Stores queries idempotently and reads the history. */
@ApplicationScoped
public class QueryService {

    /** What a write did: stored a new row, or found the very same record already there. */
    public enum Outcome { CREATED, ALREADY_STORED }

    @Inject
    QueryRepository repository;

    @Inject
    QueriesConfig config;

    @Inject
    MeterRegistry registry;

    /** The counters are there from the start (at 0): "no query stored while searches arrive" needs a zero, not a missing series. */
    void registerAtStart(@Observes StartupEvent start) {
        registry.counter("queries.writes", "outcome", "created");
        registry.counter("queries.writes", "outcome", "replayed");
        registry.counter("queries.served");
    }

    /**
     * A new query_id is stored; the same record again changes nothing (a retried write); the same
     * query_id with other content is a 409, never an overwrite.
     */
    public Uni<Outcome> write(QueryRecord record) {
        return repository.insertIfAbsent(record).flatMap(inserted -> {
            registry.counter("queries.writes", "outcome", inserted ? "created" : "replayed").increment();
            if (inserted) {
                Notice.log(QueryService.class, "query %d stored (%d entries of %d)", record.queryId(),
                        record.numEntries(), record.numResults());
                return Uni.createFrom().item(Outcome.CREATED);
            }
            return repository.find(record.queryId()).map(stored -> {
                if (record.equals(stored)) {
                    return Outcome.ALREADY_STORED;
                }
                throw ProblemException.conflict("query_id " + record.queryId() + " is already stored with other content");
            });
        });
    }

    /** The stored record of {@code queryId}; a 404 problem when there is none. */
    public Uni<QueryRecord> one(long queryId) {
        return repository.find(queryId).map(stored -> {
            if (stored == null) {
                throw ProblemException.notFound("No query " + queryId + " is stored");
            }
            return stored;
        });
    }

    /** The queries of [start, end] in time order, streamed; the settle window hides the newest. */
    public Multi<QueryRecord> history(long start, long end) {
        long settled = UnixTime.now() - config.settleWindow().toSeconds();
        long last = config.settleWindow().isZero() ? end : Math.min(end, settled);
        long[] served = {0};
        return repository.streamRange(start, last, config.fetchSize())
                .invoke(record -> served[0]++)
                .onCompletion().invoke(() -> {
                    registry.counter("queries.served").increment(served[0]);
                    Notice.log(QueryService.class, "history %d..%d served: %d queries", start, last, served[0]);
                });
    }
}
