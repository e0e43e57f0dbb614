package org.arxivpipeline.frontend.client;

/**
 * A backend answered 503 itself: it is alive and shedding load (a full write budget, a pool it cannot get
 * a connection from) or its own dependency is away. Retried like every transient failure, but not counted
 * by the circuit breakers: the backend answered at once, so there is no slow call to stop making, and a
 * burst that a backend sheds must not open a circuit that then refuses the healthy calls after it.
 */
public class BackendBusy extends TransientBackendFailure {

    public BackendBusy(String detail, long retryAfterSeconds) {
        super(503, "Service Unavailable", detail, retryAfterSeconds);
    }
}
