package org.arxivpipeline.frontend.service;

import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.export.CutVisibly;
import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.validation.ResultFilter;
import org.arxivpipeline.frontend.client.ResultsDownloadBackend;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * Downloads of stored results, passed through from backend-results byte for byte ({@link PassThrough}):
 * backend-results writes every format, so the frontend holds no more than a chunk of one.
 */
@ApplicationScoped
public class ResultDownloadService {

    @Inject
    ResultsDownloadBackend client;

    @Inject
    Vertx vertx;

    /**
     * Completes once backend-results has answered 200 in {@code format} (its failures fail it); then streams
     * the download, ended with the format's cut mark when backend-results' stream breaks off.
     */
    public Uni<Multi<Buffer>> download(Long queryId, ResultFilter filter, ExportFormat format, BooleanSupplier clientGone) {
        String what = "download of " + (queryId == null ? "all results" : "the results of query " + queryId) + " as " + format.formatName();
        return PassThrough.of(clientGone, vertx, watch -> client.open(queryId, filter, format, watch),
                body -> CutVisibly.when(body, format, what, ResultDownloadService.class)
                        .onCompletion().invoke(() -> Notice.log(ResultDownloadService.class, "%s served", what)));
    }
}
