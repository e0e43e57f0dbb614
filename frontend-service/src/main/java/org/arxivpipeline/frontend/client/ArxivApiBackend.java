package org.arxivpipeline.frontend.client;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.arxivpipeline.common.model.ArxivAnswer;
import org.arxivpipeline.common.validation.SearchRequest;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/**
 * backend-arxiv-api behind a circuit breaker (its timeout is the REST client read timeout). A call that
 * reached it is not retried here: it retries arXiv itself, within its deadline, and a second search would
 * spend a second arXiv slot. A call that never reached it (connection refused) is, on another instance
 * when there are several.
 */
@ApplicationScoped
public class ArxivApiBackend {

    static final String NAME = "backend-arxiv-api";

    @RestClient
    ArxivApiClient client;

    @Retry(retryOn = BackendUnreachable.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<ArxivAnswer> search(SearchRequest request) {
        return client.search(request.queryParameters()).onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    /**
     * The search of a watch's run: {@code priority=background}, so that backend-arxiv-api lets it take a turn
     * only when no interactive search is waiting for arXiv (it answers 429 at once otherwise).
     */
    @Retry(retryOn = BackendUnreachable.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<ArxivAnswer> searchInBackground(SearchRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>(request.queryParameters());
        parameters.put(BACKGROUND_PARAMETER, BACKGROUND);
        return client.search(parameters).onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    /** The query parameter, and its value, of a search that yields to interactive ones. */
    public static final String BACKGROUND_PARAMETER = "priority";
    public static final String BACKGROUND = "background";
}
