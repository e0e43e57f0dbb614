package org.arxivpipeline.frontend.client;

import org.arxivpipeline.common.problem.ProblemException;

/**
 * A backend failure that may pass (unreachable, 503, 5xx, timeout): retried where the call is
 * idempotent, and counted by the circuit breaker. A 4xx is never one of these.
 */
public class TransientBackendFailure extends ProblemException {

    public TransientBackendFailure(int status, String title, String detail, Long retryAfterSeconds) {
        super(status, title, detail, null, retryAfterSeconds);
    }
}
