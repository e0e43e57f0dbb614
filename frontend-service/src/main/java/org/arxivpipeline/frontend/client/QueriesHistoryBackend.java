package org.arxivpipeline.frontend.client;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.common.http.ClientWatch;
import org.arxivpipeline.common.http.InternalToken;
import org.arxivpipeline.common.model.QueryRecordJson;
import org.arxivpipeline.frontend.config.QueriesClientConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClientResponse;

/** backend-queries' streamed history, in the public form (as the client gets it). */
// a singleton, not proxied: its client is made in its constructor
@Singleton
public class QueriesHistoryBackend extends StreamingBackend {

    private static final String PUBLIC = QueryRecordJson.Form.PUBLIC.label();

    QueriesHistoryBackend(Vertx vertx, InternalToken internalToken, QueriesClientConfig config) {
        super("backend-queries", config.url(), config.connectTimeout(), vertx, internalToken);
    }

    @PreDestroy
    void stop() {
        close();
    }

    /**
     * The history as a JSON array ({@code format} null) or in {@code format}, once backend-queries answered 200
     * in the public form and that format; its error answers and failures become problems.
     */
    public Uni<HttpClientResponse> open(long start, long end, ExportFormat format, ClientWatch watch) {
        String path = "/read-queries?start_timestamp=" + start + "&end_timestamp=" + end + "&form=" + PUBLIC
                + (format == null ? "" : "&format=" + format.formatName());
        return open(path, format == null ? "application/json" : format.mediaType(), watch)
                // an older backend-queries that ignores form=public or format: its records must not reach a client as asked ones
                .flatMap(response -> accepted(response, PUBLIC.equals(response.getHeader(QueryRecordJson.FORM_HEADER))
                        && (format == null || format.isContentType(response.getHeader("Content-Type"))),
                        "answered without the public record form" + (format == null ? "" : " or the format " + format.formatName())
                                + " (an older version?)"));
    }
}
