package org.arxivpipeline.frontend.client;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.http.InternalToken;
import org.arxivpipeline.common.requestid.RequestIds;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * Opens backend-queries' streamed history. The Vert.x client rather than the REST client: its response
 * is a back-pressured stream (the socket pauses while the frontend's own client is slow), where the
 * REST client would buffer a slow consumer's whole body in memory.
 */
@ApplicationScoped
public class QueriesHistoryClient {

    static final String NAME = "backend-queries";

    @Inject
    Vertx vertx;

    @Inject
    InternalToken internalToken;

    @ConfigProperty(name = "quarkus.rest-client.queries.url")
    String url;

    @ConfigProperty(name = "quarkus.rest-client.queries.connect-timeout", defaultValue = "1000")
    int connectTimeoutMillis;

    private HttpClient client;
    private URI base;

    @PostConstruct
    void start() {
        base = URI.create(url);
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(connectTimeoutMillis)
                .setMaxPoolSize(50)
                .setKeepAlive(true)
                .setSsl("https".equalsIgnoreCase(base.getScheme())));
    }

    @PreDestroy
    void stop() {
        client.closeAndForget();
    }

    /** The history response once backend-queries answered 200; its error answers and failures become problems. */
    public Uni<HttpClientResponse> open(long start, long end) {
        boolean ssl = "https".equalsIgnoreCase(base.getScheme());
        String path = (base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/$", "")) + "/read-queries";
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : (ssl ? 443 : 80))
                .setSsl(ssl)
                .setURI(path + "?start_timestamp=" + start + "&end_timestamp=" + end)
                // a silence this long mid-stream means the backend is stuck
                .setIdleTimeout(TimeUnit.SECONDS.toMillis(30))
                .putHeader(HttpHeaders.ACCEPT, "application/json");
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            request.putHeader(RequestIds.HEADER, requestId.toString());
        }
        internalToken.value().ifPresent(token -> request.putHeader(InternalToken.HEADER, token));
        return client.request(request)
                .flatMap(HttpClientRequest::send)
                .onFailure().transform(f -> BackendFailures.fromTransport(NAME, f))
                .flatMap(response -> {
                    if (response.statusCode() == 200) {
                        return Uni.createFrom().item(response);
                    }
                    return response.body().flatMap(body -> Uni.createFrom().<HttpClientResponse>failure(BackendFailures.fromAnswer(
                            NAME, response.statusCode(), body.toString(), response.getHeader("Retry-After"))));
                });
    }
}
