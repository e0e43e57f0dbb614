package org.arxivpipeline.frontend.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.http.ClientWatch;
import org.arxivpipeline.common.http.InternalToken;
import org.arxivpipeline.common.model.QueryRecordJson;
import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.common.requestid.RequestIds;
import org.arxivpipeline.frontend.client.stork.StorkSetup;
import org.arxivpipeline.frontend.config.QueriesClientConfig;
import org.arxivpipeline.frontend.client.stork.StorkTarget;
import org.jboss.logging.MDC;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.smallrye.stork.Stork;
import io.smallrye.stork.api.Service;
import io.smallrye.stork.api.ServiceInstance;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * Opens backend-queries' streamed history. The Vert.x client rather than the REST client: its response
 * is a back-pressured stream (the socket pauses while the frontend's own client is slow), where the
 * REST client would buffer a slow consumer's whole body in memory.
 * <p>
 * With a {@code stork://<service>} URL each download picks an instance through Stork (as the REST clients
 * do), and an instance that refuses the connection is left for another one: nothing has been sent or
 * streamed yet, so the client never sees that one instance was down.
 */
@ApplicationScoped
public class QueriesHistoryBackend {

    static final String NAME = "backend-queries";
    private static final String PUBLIC = QueryRecordJson.Form.PUBLIC.label();

    @Inject
    Vertx vertx;

    @Inject
    InternalToken internalToken;

    @Inject
    QueriesClientConfig config;

    private HttpClient client;
    private URI base;
    /** The Stork service of a stork:// URL; empty for a plain one. */
    private Optional<String> storkService;

    @PostConstruct
    void start() {
        base = URI.create(config.url());
        storkService = StorkSetup.serviceName(config.url());
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(config.connectTimeout())
                .setMaxPoolSize(50)
                .setKeepAlive(true));
    }

    @PreDestroy
    void stop() {
        client.closeAndForget();
    }

    /**
     * The history response, in the public form (as the client gets it), once backend-queries answered 200;
     * its error answers and failures become problems. The request is reset (its connection closed, so
     * that backend-queries ends its stream and gives its database connection back) once {@code watch}
     * finds the client gone, at whatever stage: waiting for a connection, for the answer, or streaming.
     */
    public Uni<HttpClientResponse> open(long start, long end, ClientWatch watch) {
        String path = (base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/$", "")) + "/read-queries"
                + "?start_timestamp=" + start + "&end_timestamp=" + end + "&form=" + PUBLIC;
        // the request's headers are taken now, while its request id is at hand
        RequestOptions request = request(path);
        if (storkService.isEmpty()) {
            boolean ssl = "https".equalsIgnoreCase(base.getScheme());
            return connect(new RequestOptions(request).setHost(base.getHost())
                    .setPort(base.getPort() > 0 ? base.getPort() : (ssl ? 443 : 80)).setSsl(ssl), watch)
                    .flatMap(QueriesHistoryBackend::accepted);
        }
        Service service = Stork.getInstance().getService(storkService.get());
        return service.getInstances()
                .flatMap(instances -> openOnAnyOf(service, new ArrayList<>(instances), request, watch))
                .onFailure().transform(f -> BackendFailures.fromTransport(NAME, f))
                .flatMap(QueriesHistoryBackend::accepted);
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
    private RequestOptions request(String uri) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setURI(uri)
                // a silence this long mid-stream means the backend is stuck
                .setIdleTimeout(TimeUnit.SECONDS.toMillis(30))
                .putHeader(HttpHeaders.ACCEPT, "application/json");
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
                .map(HttpClientResponse::newInstance)
                .onCancellation().invoke(watch::clientLeft)
                .onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    /** A 200 in the public form as it is, to be streamed; any other answer as its problem. */
    private static Uni<HttpClientResponse> accepted(HttpClientResponse response) {
        if (response.statusCode() == 200 && PUBLIC.equals(response.getHeader(QueryRecordJson.FORM_HEADER))) {
            return Uni.createFrom().item(response);
        }
        if (response.statusCode() == 200) {
            // an older backend-queries that ignores form=public: its records must not reach a client as public ones
            response.request().connection().closeAndForget();
            return Uni.createFrom().failure(ProblemException.badGateway(NAME + " answered without the public record form (an older version?)"));
        }
        return response.body().flatMap(body -> Uni.createFrom().<HttpClientResponse>failure(BackendFailures.fromAnswer(
                NAME, response.statusCode(), body.toString(), response.getHeader("Retry-After"))));
    }
}
