package org.arxivpipeline.frontend.service;

import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.export.CutVisibly;
import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.common.http.ClientWatch;
import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.frontend.client.QueriesHistoryBackend;

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

    @Inject
    QueriesHistoryBackend client;

    @Inject
    Vertx vertx;

    /**
     * Completes once backend-queries has answered 200 (its failures fail it); then streams runs of whole
     * records. The request to backend-queries is reset as soon as the client is gone, so that the backend
     * ends its stream and gives its database connection back: when Quarkus REST cancels, and when
     * {@code clientGone} says so ({@link ClientWatch}, from the start: Quarkus REST does not always
     * cancel, and does not subscribe to a stream whose client left before it began).
     */
    public Uni<Multi<Buffer>> history(long start, long end, BooleanSupplier clientGone) {
        return Uni.createFrom().deferred(() -> {
            ClientWatch watch = ClientWatch.start(clientGone, vertx);
            return client.open(start, end, null, watch)
                    .onFailure().invoke(watch::stop)
                    .map(response -> {
                        RecordRuns runs = new RecordRuns();
                        // each item is a run of whole records; Quarkus REST writes the array's brackets and the
                        // commas between items
                        return response.toMulti()
                                .map(chunk -> runs.feed(chunk.getDelegate()))
                                .filter(run -> run.length() > 0)
                                .onCompletion().invoke(() -> {
                                    runs.finish();
                                    Notice.log(HistoryService.class, "history %d..%d served: %d queries, %d bytes", start, end,
                                            runs.records(), runs.bytes());
                                })
                                // a cancellation means the client left: the request is reset; otherwise it is over
                                .onTermination().invoke((failure, cancelled) -> {
                                    if (cancelled) {
                                        watch.clientLeft();
                                    } else {
                                        watch.stop();
                                    }
                                });
                    });
        });
    }

    /**
     * The history as CSV or JSON Lines, passed through byte for byte ({@link PassThrough}) once backend-queries
     * answered 200 in {@code format}; ended with the format's cut mark when the backend's stream breaks off.
     */
    public Uni<Multi<Buffer>> download(long start, long end, ExportFormat format, BooleanSupplier clientGone) {
        String what = "history " + start + ".." + end + " as " + format.formatName();
        return PassThrough.of(clientGone, vertx, watch -> client.open(start, end, format, watch),
                body -> CutVisibly.when(body, format, what, HistoryService.class)
                        .onCompletion().invoke(() -> Notice.log(HistoryService.class, "%s served", what)));
    }
}
