package org.arxivpipeline.frontend.client;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import org.arxivpipeline.common.validation.ResultFilter;
import org.arxivpipeline.common.model.WriteResultsRequest;
import org.arxivpipeline.frontend.model.StoredPage;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/** backend-results: the write is idempotent per (query_id, result_number) and the read is a GET, so both are retried. */
@ApplicationScoped
public class ResultsBackend {

    static final String NAME = "backend-results";

    @RestClient
    ResultsClient client;

    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<Void> write(WriteResultsRequest request) {
        return client.write(request).replaceWithVoid().onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    /** The page as backend-results wrote it, passed through unparsed, and where its next page is. */
    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<StoredPage> read(Long queryId, Long page, Integer itemsPerPage, String cursor) {
        return page(queryId, page, itemsPerPage, cursor, ResultFilter.NONE);
    }

    /**
     * A filtered page, with a circuit breaker of its own: a filter the database finds slow (its reads time
     * out) must not open the breaker of every /results read. A read that timed out is not sent again (it
     * would take as long once more); one that found an instance unreachable is.
     */
    @Retry(retryOn = BackendUnreachable.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<StoredPage> readFiltered(Long queryId, Long page, Integer itemsPerPage, String cursor, ResultFilter filter) {
        return page(queryId, page, itemsPerPage, cursor, filter);
    }

    private Uni<StoredPage> page(Long queryId, Long page, Integer itemsPerPage, String cursor, ResultFilter filter) {
        return client.read(queryId, page, itemsPerPage, cursor, filter.queryParameters())
                .map(answer -> new StoredPage(answer.getEntity(), nextPageQuery(answer.getHeaderString("Link"))))
                .onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    /** One paper's JSON as backend-results wrote it ({@code arxivId} checked), passed through unparsed. */
    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<byte[]> paper(String arxivId) {
        return client.paper(arxivId).map(RestResponse::getEntity).onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    /** The query string of {@code Link: </read-results?…>; rel="next"}, or null without one. */
    static String nextPageQuery(String link) {
        if (link == null) {
            return null;
        }
        int open = link.indexOf('<');
        int close = link.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
            return null;
        }
        return URI.create(link.substring(open + 1, close)).getRawQuery();
    }
}
