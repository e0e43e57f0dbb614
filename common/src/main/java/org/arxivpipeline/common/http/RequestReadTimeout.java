package org.arxivpipeline.common.http;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.arxivpipeline.common.problem.RouterProblems;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * A request whose body has not fully arrived within {@code REQUEST_READ_TIMEOUT} (default 10 s) of its headers is
 * answered 408 and its connection closed, so a client trickling a body (or announcing more than it
 * sends) cannot hold a connection and a handler forever. Requests without a body are not timed.
 * The time it takes to <em>answer</em> a complete request is bounded elsewhere (each dependency
 * call's deadline: 503/504).
 */
@ApplicationScoped
public class RequestReadTimeout {

    /** Before the body-limit check (-3) and Quarkus' body handling, so the timer covers all of it. */
    private static final int FIRST = -4;

    void register(@Observes Router router, Vertx vertx, RequestConfig config) {
        Duration timeout = config.readTimeout();
        long millis = timeout.toMillis();
        router.route().order(FIRST).handler(rc -> {
            HttpServerRequest request = rc.request();
            if (hasBody(request)) {
                long timer = vertx.setTimer(millis, fired -> {
                    if (!request.isEnded() && !rc.response().ended()) {
                        rc.response().putHeader(HttpHeaders.CONNECTION, "close")
                                .endHandler(written -> request.connection().close());
                        RouterProblems.write(rc, 408, "The request body did not arrive within " + timeout.toMillis() + " ms");
                    }
                });
                rc.addEndHandler(ended -> vertx.cancelTimer(timer));
            }
            rc.next();
        });
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || (length != null && !length.strip().equals("0"));
    }
}
