package org.arxivpipeline.frontend.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.common.http.ClientWatch;
import org.arxivpipeline.common.http.InternalToken;
import org.arxivpipeline.common.validation.ResultFilter;
import org.arxivpipeline.frontend.config.ResultsClientConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClientResponse;

/** backend-results' downloads: every stored result matching the filters, streamed in a format. */
// a singleton, not proxied: its client is made in its constructor
@Singleton
public class ResultsDownloadBackend extends StreamingBackend {

    ResultsDownloadBackend(Vertx vertx, InternalToken internalToken, ResultsClientConfig config) {
        super("backend-results", config.url(), config.connectTimeout(), vertx, internalToken);
    }

    @PreDestroy
    void stop() {
        close();
    }

    /** The download once backend-results answered 200 in {@code format}; its error answers and failures become problems. */
    public Uni<HttpClientResponse> open(Long queryId, ResultFilter filter, ExportFormat format, ClientWatch watch) {
        StringBuilder path = new StringBuilder("/read-results?format=").append(format.formatName());
        if (queryId != null) {
            path.append("&query_id=").append(queryId);
        }
        for (Map.Entry<String, String> parameter : filter.queryParameters().entrySet()) {
            path.append('&').append(parameter.getKey()).append('=').append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
        }
        return open(path.toString(), format.mediaType(), watch)
                .flatMap(response -> accepted(response, format.isContentType(response.getHeader("Content-Type")),
                        "answered without the format " + format.formatName() + " (an older version?)"));
    }
}
