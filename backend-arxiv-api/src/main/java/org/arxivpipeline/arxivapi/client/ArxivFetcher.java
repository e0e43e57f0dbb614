package org.arxivpipeline.arxivapi.client;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.arxivapi.config.ArxivConfig;
import org.arxivpipeline.common.problem.Failures;
import org.arxivpipeline.common.validation.SearchRequest;
import org.jboss.logging.Logger;

import io.netty.handler.codec.http.QueryStringEncoder;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

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
    private Duration callTimeout;

    ArxivFetcher() {
    }

    /** Outside CDI (tests that make several replicas): started at once; closed with its Vert.x. */
    public ArxivFetcher(Vertx vertx, ArxivConfig config) {
        this.vertx = vertx;
        this.config = config;
        start();
    }

    @PostConstruct
    void start() {
        base = URI.create(config.baseUrl());
        ssl = "https".equalsIgnoreCase(base.getScheme());
        userAgent = UserAgent.header(config.userAgent(), config.contact());
        callTimeout = config.callTimeout();
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
     * {@code GET base?search_query=…&id_list=…&start=…&max_results=…&sortBy=…&sortOrder=…}, every value
     * percent-encoded as UTF-8; search_query and id_list only when given, the order only when not arXiv's default.
     * {@code sending} runs once the connection is open, right before the request is written; when it throws, the request is not sent (its connection
     * is given back) and the answer fails with that exception. Every other failure is a reply.
     * <p>
     * The call, connecting and reading included, ends within {@code ARXIV_CONNECT_TIMEOUT + ARXIV_READ_TIMEOUT}
     * (a {@link ArxivReply.TimedOut} after): the read timeout alone restarts with every byte, so an answer
     * that trickles in would hold its turn at arXiv, which the pacing lends a call for that long at most.
     */
    public Uni<ArxivReply> fetch(ArxivRequest arxivRequest, Runnable sending) {
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        QueryStringEncoder uri = new QueryStringEncoder(path);
        if (!arxivRequest.searchQuery().isEmpty()) {
            uri.addParam("search_query", arxivRequest.searchQuery());
        }
        if (arxivRequest.idList() != null) {
            uri.addParam("id_list", arxivRequest.idList());
        }
        uri.addParam("start", Integer.toString(arxivRequest.start()));
        uri.addParam("max_results", Integer.toString(arxivRequest.maxResults()));
        // sent only when not arXiv's default, so that a default search asks what it always asked
        if (arxivRequest.sortBy() != SearchRequest.SortBy.RELEVANCE || arxivRequest.sortOrder() != SearchRequest.SortOrder.DESCENDING) {
            uri.addParam("sortBy", arxivRequest.sortBy().arxivName());
            uri.addParam("sortOrder", arxivRequest.sortOrder().label());
        }
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : (ssl ? 443 : 80))
                .setSsl(ssl)
                .setURI(uri.toString())
                .setIdleTimeout(config.readTimeout().toMillis())
                .putHeader(HttpHeaders.USER_AGENT, userAgent)
                .putHeader(HttpHeaders.ACCEPT, "application/atom+xml, application/xml;q=0.9, */*;q=0.1");
        return send(request, sending).ifNoItem().after(callTimeout)
                .recoverWithItem(() -> new ArxivReply.TimedOut(new TimeoutException("arXiv call not over within " + callTimeout.toMillis() + " ms")));
    }

    private Uni<ArxivReply> send(RequestOptions options, Runnable sending) {
        return Uni.createFrom().emitter(emitter -> {
            Exchange exchange = new Exchange();
            emitter.onTermination(exchange::giveUp);
            client.getDelegate().request(options).onComplete(opened -> {
                if (opened.failed()) {
                    exchange.end(() -> emitter.complete(notAnswered(opened.cause())));
                    return;
                }
                HttpClientRequest request = opened.result();
                if (!exchange.opened(request)) {
                    return;
                }
                // its failures reach the answer (send's future), where they are handled as replies; without a
                // handler Vert.x would also log each at ERROR, e.g. "Stream reset: 0" for a call given up
                request.exceptionHandler(failure -> LOG.debugf("arXiv request: %s", failure.getMessage()));
                try {
                    sending.run();
                } catch (RuntimeException refused) {
                    request.reset();
                    exchange.end(() -> emitter.fail(refused));
                    return;
                }
                request.send().compose(response -> response.body().map(body -> answered(response, body)))
                        .onComplete(read -> exchange.end(() -> emitter.complete(read.succeeded() ? read.result() : notAnswered(read.cause()))));
            });
        });
    }

    private static ArxivReply answered(HttpClientResponse response, Buffer body) {
        return new ArxivReply.Answered(response.statusCode(), dateSeconds(response.getHeader("Date")),
                Failures.retryAfterSeconds(response.getHeader("Retry-After")), body.getBytes());
    }

    /**
     * The request of one call. A call given up before it ends (its bound, or its caller gone) resets the
     * request, also one whose connection opens only afterwards: an HTTP/1.1 request reset mid-way closes
     * its connection, so nothing stays open at arXiv once the call's turn is given back.
     */
    private static final class Exchange {
        private HttpClientRequest request;
        private boolean over;

        /** False, and the request reset, when the call was given up while its connection opened. */
        synchronized boolean opened(HttpClientRequest opened) {
            if (over) {
                opened.reset();
                return false;
            }
            request = opened;
            return true;
        }

        /** The call ended by itself: answered, failed or refused. */
        void end(Runnable answer) {
            synchronized (this) {
                if (over) {
                    return;
                }
                over = true;
            }
            answer.run();
        }

        /** Called at every termination; acts only when the call is given up before it ended. */
        synchronized void giveUp() {
            if (!over) {
                over = true;
                if (request != null) {
                    request.reset();
                }
            }
        }
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
