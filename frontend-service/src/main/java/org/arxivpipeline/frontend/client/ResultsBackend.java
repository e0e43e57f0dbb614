package org.arxivpipeline.frontend.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.arxivpipeline.common.model.WriteResultsRequest;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** backend-results: the write is idempotent per (query_id, result_number) and the read is a GET, so both are retried. */
@ApplicationScoped
public class ResultsBackend {

    static final String NAME = "backend-results";

    @RestClient
    ResultsClient client;

    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class)
    public Uni<Void> write(WriteResultsRequest request) {
        return client.write(request).replaceWithVoid().onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    /** The page as backend-results wrote it (the same JSON as the frontend's), with its headers: passed through unparsed. */
    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class)
    public Uni<RestResponse<byte[]>> read(Long queryId, Long page, Integer itemsPerPage, String cursor) {
        return client.read(queryId, page, itemsPerPage, cursor).onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }
}
