package org.arxivpipeline.frontend.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.arxivpipeline.common.model.QueryRecord;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/** backend-queries' write: idempotent by contract (the same record again is a 200), so retried. */
@ApplicationScoped
public class QueriesBackend {

    static final String NAME = "backend-queries";

    @RestClient
    QueriesClient client;

    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<Void> write(QueryRecord record) {
        return client.write(record).replaceWithVoid().onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }
}
