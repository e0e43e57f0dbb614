package org.arxivpipeline.arxivapi.client;

import java.net.URI;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.arxivapi.config.ArxivConfig;

import io.netty.handler.codec.http.QueryStringEncoder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;

/**
 * The one HTTP client to arXiv, created at startup. A Vert.x client rather than a REST client: the
 * service needs the raw body (XML for JAXB), the status and the {@code Date} and {@code Retry-After}
 * headers. Its pool holds a single connection, as arXiv's terms ask ("one connection at a time").
 */
@ApplicationScoped
public class ArxivHttpClient {

    @Inject
    Vertx vertx;

    @Inject
    ArxivConfig config;

    private HttpClient client;
    private URI base;

    @PostConstruct
    void start() {
        base = URI.create(config.baseUrl());
        boolean ssl = "https".equalsIgnoreCase(base.getScheme());
        HttpClientOptions options = new HttpClientOptions()
                .setSsl(ssl)
                .setVerifyHost(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(1)
                .setKeepAlive(true)
                .setTryUseCompression(true);
        client = vertx.createHttpClient(options);
    }

    @PreDestroy
    void stop() {
        client.closeAndForget();
    }

    /**
     * {@code GET base?search_query=…&start=0&max_results=…}, every value percent-encoded as UTF-8.
     * {@code sending} runs once the connection is open, right before the request is written; when it
     * throws, the request is not sent (its connection is given back) and the search fails with that.
     */
    public Uni<RawResponse> search(String searchQuery, int maxResults, Runnable sending) {
        QueryStringEncoder uri = new QueryStringEncoder(base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath());
        uri.addParam("search_query", searchQuery);
        uri.addParam("start", "0");
        uri.addParam("max_results", Integer.toString(maxResults));
        boolean ssl = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : (ssl ? 443 : 80);
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(base.getHost())
                .setPort(port)
                .setSsl(ssl)
                .setURI(uri.toString())
                .setIdleTimeout(config.readTimeout().toMillis())
                .putHeader(HttpHeaders.USER_AGENT, config.userAgent())
                .putHeader(HttpHeaders.ACCEPT, "application/atom+xml, application/xml;q=0.9, */*;q=0.1");
        return client.request(request)
                .call(opened -> {
                    try {
                        sending.run();
                        return Uni.createFrom().voidItem();
                    } catch (RuntimeException refused) {
                        opened.reset();
                        return Uni.createFrom().failure(refused);
                    }
                })
                .flatMap(HttpClientRequest::send)
                .flatMap(response -> response.body().map(body -> new RawResponse(
                        response.statusCode(),
                        response.getHeader("Date"),
                        response.getHeader("Retry-After"),
                        body.getBytes())));
    }
}
