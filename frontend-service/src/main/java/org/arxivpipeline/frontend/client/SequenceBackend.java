package org.arxivpipeline.frontend.client;

import java.time.temporal.ChronoUnit;

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

    @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = TransientBackendFailure.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, failOn = TransientBackendFailure.class)
    public Uni<Long> next() {
        return client.next().map(value -> value.sequence()).onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }
}
