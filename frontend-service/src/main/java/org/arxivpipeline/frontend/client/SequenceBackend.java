package org.arxivpipeline.frontend.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/** backend-sequence: retried on transient failures (a number taken and lost leaves only a gap). */
@ApplicationScoped
public class SequenceBackend {

    static final String NAME = "backend-sequence";

    @RestClient
    SequenceClient client;

    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<Long> next() {
        return client.next().map(value -> value.sequence()).onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }
}
