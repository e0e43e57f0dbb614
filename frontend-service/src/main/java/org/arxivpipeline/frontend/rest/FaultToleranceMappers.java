package org.arxivpipeline.frontend.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.arxivpipeline.common.problem.Problems;
import org.arxivpipeline.frontend.client.BackendFailures;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A backend's open circuit is a 503: the backend is failing, try again shortly. */
public class FaultToleranceMappers {

    private static final Logger LOG = Logger.getLogger(FaultToleranceMappers.class);

    @ServerExceptionMapper
    public Response circuitOpen(CircuitBreakerOpenException e, UriInfo uri) {
        LOG.warnf("503 %s: circuit open (%s)", uri.getPath(), e.getMessage());
        return Problems.response(Problems.of(503, "Service Unavailable", "A backend is failing; calls to it are paused",
                uri.getRequestUri().getRawPath(), null), BackendFailures.RETRY_AFTER_SECONDS);
    }
}
