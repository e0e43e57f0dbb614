package org.arxivpipeline.frontend.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.arxivpipeline.common.http.ClientWatch;
import org.arxivpipeline.common.http.InternalToken;
import org.arxivpipeline.common.requestid.RequestIds;
import org.arxivpipeline.frontend.client.stork.StorkSetup;
import org.arxivpipeline.frontend.client.stork.StorkTarget;
import org.jboss.logging.MDC;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.smallrye.stork.Stork;
import io.smallrye.stork.api.Service;
import io.smallrye.stork.api.ServiceInstance;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * Opens a backend's streamed answer (a history, a download). The Vert.x client rather than the REST client:
 * its response is a back-pressured stream (the socket pauses while the frontend's own client is slow),
 * where the REST client would buffer a slow consumer's whole body in memory. One client per backend,
 * created with it.
 * <p>
 * With a {@code stork://<service>} URL each stream picks an instance through Stork (as the REST clients
 * do), and an instance that refuses the connection is left for another one: nothing has been sent or
 * streamed yet, so the client never sees that one instance was down.
 */
public abstract class StreamingBackend {

    private final String name;
    private final URI base;
    /** The Stork service of a stork:// URL; empty for a plain one. */
    private final Optional<String> storkService;
    private final HttpClient client;
    private final InternalToken internalToken;

    protected StreamingBackend(String name, String url, int connectTimeoutMillis, Vertx vertx, InternalToken internalToken) {
        this.name = name;
        this.base = URI.create(url);
        this.storkService = StorkSetup.serviceName(url);
        this.internalToken = internalToken;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(connectTimeoutMillis)
                .setMaxPoolSize(50)
                .setKeepAlive(true));
    }

    /** Closes the client (the subclass's {@code @PreDestroy}). */
    protected void close() {
        client.closeAndForget();
    }

    protected String name() {
        return name;
    }

    /**
     * The answer to {@code GET <base path><pathAndQuery>} with {@code Accept: accept}, whatever its status;
     * a failure to get one is a problem (unreachable: {@link BackendUnreachable}). The request is reset
     * (its connection closed, so that the backend ends its stream and gives its database connection back)
     * once {@code watch} finds the client gone, at whatever stage: waiting for a connection, for the
     * answer, or streaming.
     */
    protected Uni<HttpClientResponse> open(String pathAndQuery, String accept, ClientWatch watch) {
        String path = (base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/$", "")) + pathAndQuery;
        // the request's headers are taken now, while its request id is at hand
        RequestOptions request = request(path, accept);
        if (storkService.isEmpty()) {
            boolean ssl = "https".equalsIgnoreCase(base.getScheme());
            return connect(new RequestOptions(request).setHost(base.getHost())
                    .setPort(base.getPort() > 0 ? base.getPort() : (ssl ? 443 : 80)).setSsl(ssl), watch);
        }
        Service service = Stork.getInstance().getService(storkService.get());
        return service.getInstances()
                .flatMap(instances -> openOnAnyOf(service, new ArrayList<>(instances), request, watch))
                .onFailure().transform(f -> BackendFailures.fromTransport(name, f));
    }

    /** Tries the instances Stork chooses among those not tried yet, until one accepts the connection. */
    private Uni<HttpClientResponse> openOnAnyOf(Service service, List<ServiceInstance> untried, RequestOptions request,
            ClientWatch watch) {
        ServiceInstance chosen = service.selectInstanceAndRecordStart(untried, true);
        untried.removeIf(instance -> instance.getId() == chosen.getId());
        StorkTarget target = StorkTarget.of(chosen, base.getScheme());
        return connect(new RequestOptions(request).setHost(target.host()).setPort(target.port()).setSsl(target.secure())
                .setURI(target.pathPrefix() + request.getURI()), watch)
                // answered (an error status is judged by the caller): the time to its headers is what the
                // balancer weighs
                .invoke(response -> {
                    chosen.recordReply();
                    chosen.recordEnd(null);
                })
                .onFailure().invoke(chosen::recordEnd)
                .onFailure(BackendUnreachable.class).recoverWithUni(refused -> untried.isEmpty()
                        ? Uni.createFrom().failure(refused)
                        : openOnAnyOf(service, untried, request, watch));
    }

    /** The request without its target (host, port, TLS): set per instance. */
    private RequestOptions request(String uri, String accept) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setURI(uri)
                // a silence this long mid-stream means the backend is stuck
                .setIdleTimeout(TimeUnit.SECONDS.toMillis(30))
                .putHeader(HttpHeaders.ACCEPT, accept);
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            request.putHeader(RequestIds.HEADER, requestId.toString());
        }
        internalToken.value().ifPresent(token -> request.putHeader(InternalToken.HEADER, token));
        return request;
    }

    /**
     * The backend's answer, whatever its status; a failure to get one is a problem (unreachable:
     * BackendUnreachable). The request is handed to {@code watch} on the Vert.x future, which cancellation
     * cannot stop: a request that arrives after its client left is reset then, not kept with its connection.
     */
    private Uni<HttpClientResponse> connect(RequestOptions request, ClientWatch watch) {
        return Uni.createFrom().deferred(() -> {
            Future<io.vertx.core.http.HttpClientResponse> answered = client.getDelegate().request(request).compose(sent -> {
                watch.whenGone(sent::reset);
                return sent.send();
            });
            return UniHelper.toUni(answered);
        })
                // a kept-alive connection that the backend closed just as this request went out on it: nothing
                // was answered, so the request goes once more, on a fresh connection (bench/RESULTS.md, 2026-12-06);
                // not when it was closed because the client left (the watch reset it)
                .onFailure(failure -> failure instanceof HttpClosedException && !watch.isGone()).retry().atMost(1)
                .map(HttpClientResponse::newInstance)
                .onCancellation().invoke(watch::clientLeft)
                .onFailure().transform(f -> BackendFailures.fromTransport(name, f));
    }

    /**
     * A 200 that {@code acceptable} takes as it is, to be streamed; a 200 it does not take is a 502 (an
     * older backend that ignores a parameter: {@code whatIsWrong} says so); any other answer is its problem.
     */
    protected Uni<HttpClientResponse> accepted(HttpClientResponse response, boolean acceptable, String whatIsWrong) {
        if (response.statusCode() == 200 && acceptable) {
            return Uni.createFrom().item(response);
        }
        if (response.statusCode() == 200) {
            response.request().connection().closeAndForget();
            return Uni.createFrom().failure(org.arxivpipeline.common.problem.ProblemException.badGateway(name + " " + whatIsWrong));
        }
        return response.body().flatMap(body -> Uni.createFrom().<HttpClientResponse>failure(BackendFailures.fromAnswer(
                name, response.statusCode(), body.toString(), response.getHeader("Retry-After"))));
    }
}
