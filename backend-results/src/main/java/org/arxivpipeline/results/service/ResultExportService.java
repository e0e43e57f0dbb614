package org.arxivpipeline.results.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.arxivpipeline.common.export.CutVisibly;
import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.model.StoredResult;
import org.arxivpipeline.common.validation.ResultFilter;
import org.arxivpipeline.results.config.ResultsConfig;
import org.arxivpipeline.results.mapping.ResultWriter;
import org.arxivpipeline.results.repository.ResultRepository;
import org.arxivpipeline.results.repository.ResultRepository.Download;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * Downloads of stored results: every result matching the filters, read from a database cursor and written
 * in chunks as the client takes them, so that memory does not grow with the download. Nothing is sent
 * before the first rows are read: a database that fails at the start is an error answer, not a file.
 */
@ApplicationScoped
public class ResultExportService {

    @Inject
    ResultRepository repository;

    @Inject
    ResultsConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    /** One counter per format, there from the start (at 0), as every counter the dashboard reads. */
    void registerAtStart(@Observes StartupEvent start) {
        for (ExportFormat format : ExportFormat.OF_RESULTS) {
            registry.counter("results.exported", "format", format.formatName());
        }
    }

    /** The download of {@code queryId}'s results (all results when null) matching {@code filter}, as {@code format}. */
    public Multi<Buffer> export(Long queryId, ResultFilter filter, ExportFormat format) {
        String what = "export of " + (queryId == null ? "all results" : "the results of query " + queryId)
                + (filter.isEmpty() ? "" : " filtered by " + filter.queryParameters().keySet()) + " as " + format.formatName();
        return CutVisibly.when(Multi.createFrom().deferred(() -> {
            ResultWriter writer = ResultWriter.of(format, json);
            long[] served = {0, 0};
            Download reading = format == ExportFormat.BIBTEX ? Download.CITATIONS_BY_PAPER : Download.WHOLE_RECORDS;
            return repository.stream(queryId, filter, reading, config.exportFetchSize())
                    .group().intoLists().of(config.exportChunkSize())
                    .map(rows -> {
                        Buffer chunk = chunk(writer, served[0] == 0 ? writer.header() : "", rows);
                        served[0] += rows.size();
                        served[1] += chunk.length();
                        return chunk;
                    })
                    // no result: the file is its header (CSV) or empty
                    .onCompletion().ifEmpty().continueWith(writer.header().isEmpty() ? List.of() : List.of(Buffer.buffer(writer.header())))
                    .onCompletion().invoke(() -> {
                        registry.counter("results.exported", "format", format.formatName()).increment(served[0]);
                        Notice.log(ResultExportService.class, "%s served: %d results, %d bytes", what, served[0], served[1]);
                    });
        }), format, what, ResultExportService.class);
    }

    private static Buffer chunk(ResultWriter writer, String header, List<StoredResult> rows) {
        StringBuilder out = new StringBuilder(header.length() + rows.size() * 2048);
        out.append(header);
        for (StoredResult row : rows) {
            writer.append(out, row);
        }
        return Buffer.buffer(out.toString());
    }
}
