package org.arxivpipeline.frontend.service;

import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.export.CutVisibly;
import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.common.export.JsonArrays;
import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.frontend.client.QueriesHistoryBackend;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The query history, passed through from backend-queries to the client: backend-queries writes the
 * records in the public form ({@code time} added, the {@code ArXiv Query: } prefix) and in the format asked,
 * so the frontend neither parses nor writes them. Nothing holds the whole history; the backend is read only
 * as fast as the client takes it ({@link PassThrough}).
 */
@ApplicationScoped
public class HistoryService {

    @Inject
    QueriesHistoryBackend client;

    @Inject
    Vertx vertx;

    /**
     * Completes once backend-queries has answered 200 (its failures fail it); then streams the history: as a
     * JSON array ({@code format} null), cut at record boundaries and framed again, so that an array the
     * backend did not close is never answered as a shorter one; or as CSV or JSON Lines, byte for byte, ended
     * with the format's cut mark when the backend's stream breaks off.
     */
    public Uni<Multi<Buffer>> history(long start, long end, ExportFormat format, BooleanSupplier clientGone) {
        return PassThrough.of(clientGone, vertx, watch -> client.open(start, end, format, watch), body -> {
            if (format != null) {
                String what = "history " + start + ".." + end + " as " + format.formatName();
                return CutVisibly.when(body, format, what, HistoryService.class)
                        .onCompletion().invoke(() -> Notice.log(HistoryService.class, "%s served", what));
            }
            RecordRuns runs = new RecordRuns();
            return JsonArrays.frame(body
                    .map(runs::feed)
                    .filter(run -> run.length() > 0)
                    .onCompletion().invoke(() -> {
                        runs.finish();
                        Notice.log(HistoryService.class, "history %d..%d served: %d queries, %d bytes", start, end, runs.records(),
                                runs.bytes());
                    }));
        });
    }
}
