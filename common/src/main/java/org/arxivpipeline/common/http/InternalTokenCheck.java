package org.arxivpipeline.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.arxivpipeline.common.problem.RouterProblems;
import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * On a backend with {@code INTERNAL_TOKEN} set, every request but the {@code /q} endpoints (probes and
 * metrics scraping) must carry the token, else it is a 401 problem. frontend-service, the public
 * edge, sends the token and does not ask for it ({@code internal.token.enforced=false}).
 */
@ApplicationScoped
public class InternalTokenCheck {

    private static final Logger LOG = Logger.getLogger(InternalTokenCheck.class);

    /** After the request id filter (1000), so a refusal is logged and answered with the request's id. */
    private static final int PRIORITY = 900;

    @Inject
    InternalToken token;

    @Inject
    InternalTokenConfig config;

    void register(@Observes Filters filters) {
        if (!config.enforced() || token.value().isEmpty()) {
            return;
        }
        filters.register(rc -> {
            if (rc.request().path().startsWith("/q/") || token.accepts(rc.request().getHeader(InternalToken.HEADER))) {
                rc.next();
            } else {
                LOG.warnf("refused %s %s from %s: no valid %s", rc.request().method(), rc.request().path(),
                        rc.request().remoteAddress(), InternalToken.HEADER);
                RouterProblems.write(rc, 401, "This service answers frontend-service only: a valid " + InternalToken.HEADER + " is required");
            }
        }, PRIORITY);
    }
}
