package org.arxivpipeline.frontend.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.frontend.client.QueriesHistoryClient;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * The query history, transformed record by record as it streams from backend-queries to the client:
 * each record gains {@code time} and the {@code ArXiv Query: } prefix. Nothing holds the whole history;
 * the backend is read only as fast as the client takes it.
 */
@ApplicationScoped
public class HistoryService {

    public static final String QUERY_PREFIX = "ArXiv Query: ";

    @Inject
    QueriesHistoryClient client;

    /** Completes once backend-queries has answered 200 (its failures fail it); then streams JSON chunks. */
    public Uni<Multi<Buffer>> history(long start, long end) {
        return client.open(start, end).map(response -> {
            HistoryTransformer transformer = new HistoryTransformer();
            // each item is a run of complete records; Quarkus REST writes the array's brackets and the
            // commas between items
            return response.toMulti()
                    .map(chunk -> transformer.feed(chunk.getDelegate()))
                    .filter(records -> records.length() > 0)
                    .onCompletion().invoke(() -> {
                        transformer.finish();
                        Notice.log(HistoryService.class, "history %d..%d served: %d queries", start, end, transformer.records());
                    });
        });
    }
}
