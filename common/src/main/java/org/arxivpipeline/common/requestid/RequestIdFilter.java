package org.arxivpipeline.common.requestid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Takes the request's {@code X-Request-ID} (or makes one), echoes it on the response and puts it in
 * the logging MDC. A Vert.x filter rather than a JAX-RS one, so that it also covers the answers the
 * router gives itself (404, 413) and the {@code /q} endpoints.
 */
@ApplicationScoped
public class RequestIdFilter {

    /** Before everything else, so that even the earliest log line of a request has the id. */
    private static final int PRIORITY = 1000;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String id = RequestIds.accept(rc.request().getHeader(RequestIds.HEADER));
            rc.put(RequestIds.MDC_KEY, id);
            rc.response().putHeader(RequestIds.HEADER, id);
            MDC.put(RequestIds.MDC_KEY, id);
            rc.next();
        }, PRIORITY);
    }
}
