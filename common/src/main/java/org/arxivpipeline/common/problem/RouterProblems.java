package org.arxivpipeline.common.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.arxivpipeline.common.http.HttpLimitsConfig;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem details for the answers the Vert.x router gives before JAX-RS sees a request: an unknown
 * path (404), a body over the configured limit (413), a URI or headers too long (414, 431).
 */
@ApplicationScoped
public class RouterProblems {

    /** Quarkus' own body-limit check runs at order -2 and answers an empty 413; this one answers first. */
    private static final int BEFORE_QUARKUS_BODY_LIMIT = -3;

    void register(@Observes Router router, HttpLimitsConfig limits) {
        limits.maxBodySize().ifPresent(limit -> router.route().order(BEFORE_QUARKUS_BODY_LIMIT).handler(rc -> {
            if (declaredLength(rc) > limit.asLongValue()) {
                rc.response().putHeader(HttpHeaders.CONNECTION, "close");
                write(rc, 413, "The request body is larger than " + limit.asLongValue() + " bytes");
            } else {
                rc.next();
            }
        }));
        router.errorHandler(404, rc -> write(rc, 404, "No resource at this path"));
        router.errorHandler(405, rc -> write(rc, 405, "Method not allowed here"));
        router.errorHandler(413, rc -> write(rc, 413, "The request body is too large"));
        router.errorHandler(414, rc -> write(rc, 414, "The request URI is too long"));
        router.errorHandler(431, rc -> write(rc, 431, "The request headers are too large"));
    }

    private static long declaredLength(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Answers a problem from a router handler, unless an answer has begun already. */
    public static void write(RoutingContext rc, int status, String detail) {
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        Problem problem = Problems.of(status, Problems.title(status), detail, rc.request().path(), null);
        rc.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
