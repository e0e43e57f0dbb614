package org.arxivpipeline.arxivapi.client;

import java.net.URI;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.arxivapi.config.ArxivConfig;
import org.arxivpipeline.common.problem.Failures;
import org.jboss.logging.Logger;

import io.netty.handler.codec.http.QueryStringEncoder;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * The HTTP call to arXiv's query API, read into an {@link ArxivReply}. A Vert.x HTTP client rather than
 * a REST client: the service needs the raw body (XML, for JAXB), the status whatever it is, and the
 * {@code Date} and {@code Retry-After} headers; and its pool holds a single connection, kept alive
 * between calls, as arXiv's terms ask ("one connection at a time").
 * <p>
 * Made at start, so that a contact that cannot be sent ({@link UserAgent}) stops the service there rather
 * than failing its first search.
 */
@Startup
@ApplicationScoped
public class ArxivFetcher {

    private static final Logger LOG = Logger.getLogger(ArxivFetcher.class);

    @Inject
    Vertx vertx;

    @Inject
    ArxivConfig config;

    private HttpClient client;
    private URI base;
    private boolean ssl;
    private String userAgent;

    @PostConstruct
    void start() {
        base = URI.create(config.baseUrl());
        ssl = "https".equalsIgnoreCase(base.getScheme());
        userAgent = UserAgent.header(config.userAgent(), config.contact());
        HttpClientOptions options = new HttpClientOptions()
                .setSsl(ssl)
                .setVerifyHost(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setTryUseCompression(true);
        client = vertx.httpClientBuilder()
                .with(options)
                .with(new PoolOptions().setHttp1MaxSize(1))
                .build();
    }

    @PreDestroy
    void stop() {
        client.closeAndForget();
    }

    /**
     * {@code GET base?search_query=…&start=0&max_results=…}, every value percent-encoded as UTF-8.
     * {@code sending} runs once the connection is open, right before the request is written; when it throws, the request is not sent (its connection
     * is given back) and the answer fails with that exception. Every other failure is a reply.
     */
    public Uni<ArxivReply> fetch(String searchQuery, int maxResults, Runnable sending) {
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        QueryStringEncoder uri = new QueryStringEncoder(path);
        uri.addParam("search_query", searchQuery);
        uri.addParam("start", "0");
        uri.addParam("max_results", Integer.toString(maxResults));
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : (ssl ? 443 : 80))
                .setSsl(ssl)
                .setURI(uri.toString())
                .setIdleTimeout(config.readTimeout().toMillis())
                .putHeader(HttpHeaders.USER_AGENT, userAgent)
                .putHeader(HttpHeaders.ACCEPT, "application/atom+xml, application/xml;q=0.9, */*;q=0.1");
        return send(request, sending);
    }

    private Uni<ArxivReply> send(RequestOptions options, Runnable sending) {
        return client.request(options).onItemOrFailure().transformToUni((request, notOpened) -> {
            if (notOpened != null) {
                return Uni.createFrom().item(notAnswered(notOpened));
            }
            // its failures reach the answer (send's future), where they are handled as replies; without a
            // handler Vert.x would also log each at ERROR, e.g. "Stream reset: 0" for a call given up unsent
            request.exceptionHandler(failure -> LOG.debugf("arXiv request: %s", failure.getMessage()));
            try {
                sending.run();
            } catch (RuntimeException refused) {
                request.reset();
                return Uni.createFrom().failure(refused);
            }
            return request.send().onItemOrFailure().transformToUni((response, failure) -> {
                if (failure == null) {
                    return read(response);
                }
                return Uni.createFrom().item(notAnswered(failure));
            });
        });
    }

    private Uni<ArxivReply> read(HttpClientResponse response) {
        return response.body().map(body -> (ArxivReply) new ArxivReply.Answered(response.statusCode(),
                dateSeconds(response.getHeader("Date")), Failures.retryAfterSeconds(response.getHeader("Retry-After")), body.getBytes()))
                .onFailure().recoverWithItem(ArxivFetcher::notAnswered);
    }

    private static ArxivReply notAnswered(Throwable failure) {
        // a connect timeout is both: it is unreachable, nothing was sent
        if (Failures.isUnreachable(failure)) {
            return new ArxivReply.Unreachable(failure);
        }
        if (Failures.isTimeout(failure)) {
            return new ArxivReply.TimedOut(failure);
        }
        return new ArxivReply.ConnectionFailed(failure);
    }

    /** An HTTP-date in Unix seconds; null when absent or unreadable. */
    static Long dateSeconds(String header) {
        if (header == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
