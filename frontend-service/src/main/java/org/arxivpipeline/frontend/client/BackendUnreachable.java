package org.arxivpipeline.frontend.client;

/**
 * No connection to the backend (refused, connect timeout, unknown host, or no instance to choose): the
 * request never reached it, so trying again is safe for every call, even one that is not idempotent.
 * With several instances the next try goes to another one. A 503 with Retry-After when it persists.
 */
public class BackendUnreachable extends TransientBackendFailure {

    public BackendUnreachable(String backend) {
        super(503, "Service Unavailable", backend + " is unreachable", BackendFailures.RETRY_AFTER_SECONDS);
    }
}
