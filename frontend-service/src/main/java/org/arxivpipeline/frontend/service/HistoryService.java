package org.arxivpipeline.frontend.service;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.frontend.client.QueriesHistoryClient;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The query history, passed through from backend-queries to the client: backend-queries writes the
 * records in the public form ({@code time} added, the {@code ArXiv Query: } prefix), so the frontend only
 * cuts the stream at record boundaries and neither parses nor writes JSON. Nothing holds the whole
 * history; the backend is read only as fast as the client takes it.
 */
@ApplicationScoped
public class HistoryService {

    /** How often a download checks that its client is still there. */
    static final long CLIENT_CHECK_MILLIS = 500;

    @Inject
    QueriesHistoryClient client;

    @Inject
    Vertx vertx;

    /**
     * Completes once backend-queries has answered 200 (its failures fail it); then streams runs of whole
     * records. The request to backend-queries is reset as soon as the client is gone, so that the backend
     * ends its stream and gives its database connection back: on cancellation, and by looking at
     * {@code clientGone} every {@link #CLIENT_CHECK_MILLIS} until the stream ends, since Quarkus REST does
     * not always cancel (OverloadIT saw one download in 300 abandoned ones keep its backend cursor until
     * the frontend's 30 s idle timeout).
     */
    public Uni<Multi<Buffer>> history(long start, long end, BooleanSupplier clientGone) {
        return client.open(start, end).map(response -> {
            AtomicBoolean ended = new AtomicBoolean();
            vertx.setPeriodic(CLIENT_CHECK_MILLIS, timer -> {
                if (ended.get()) {
                    vertx.cancelTimer(timer);
                } else if (clientGone.getAsBoolean()) {
                    vertx.cancelTimer(timer);
                    response.request().reset();
                }
            });
            RecordRuns runs = new RecordRuns();
            // each item is a run of whole records; Quarkus REST writes the array's brackets and the commas
            // between items
            return response.toMulti()
                    .map(chunk -> runs.feed(chunk.getDelegate()))
                    .filter(run -> run.length() > 0)
                    .onCancellation().invoke(() -> response.request().reset())
                    .onTermination().invoke(() -> ended.set(true))
                    .onCompletion().invoke(() -> {
                        runs.finish();
                        Notice.log(HistoryService.class, "history %d..%d served: %d queries, %d bytes", start, end, runs.records(),
                                runs.bytes());
                    });
        });
    }
}
