package org.arxivpipeline.results.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.arxivpipeline.common.http.HttpLimitsConfig;
import org.arxivpipeline.common.problem.RouterProblems;
import org.arxivpipeline.results.config.ResultsConfig;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;


/**
 * Admits a {@code POST /write-results} only while the bodies being written fit this service's budget,
 * before the body is read: a write of 2,000 results holds its body, the records read from it and the
 * statement's arrays until it is stored, so a burst of them (every search of a busy deployment ends in
 * one) could exhaust the heap. A body is weighed by its {@code Content-Length} (a chunked one by the
 * largest body allowed); one that does not fit is answered 503 with {@code Retry-After: 1} at once, which
 * the frontend's retry of this idempotent write absorbs. The first write is always admitted.
 */
@ApplicationScoped
public class WriteAdmission {

    /** After the request timer (-4) and before the body-limit check (-3) and Quarkus' body handling. */
    private static final int BEFORE_THE_BODY = -3;

    /** Quarkus' own default for quarkus.http.limits.max-body-size. */
    private static final long QUARKUS_MAX_BODY_SIZE = 10_240 * 1024L;

    /** What a write without a declared length is counted as: the largest body it may send. */
    private long maxBodySize;

    private long budget;
    private long taken;

    void register(@Observes Router router, ResultsConfig config, HttpLimitsConfig limits, MeterRegistry registry) {
        maxBodySize = limits.maxBodySize().map(MemorySize::asLongValue).orElse(QUARKUS_MAX_BODY_SIZE);
        budget = config.writeBytesInFlight().map(MemorySize::asLongValue).orElseGet(ResultsConfig::writeBytesInFlightForHeap);
        Gauge.builder("arxiv.results.write.bytes.in.flight", this, WriteAdmission::inFlight)
                .description("Bytes of write-results bodies being stored").register(registry);
        router.route("/write-results").method(HttpMethod.POST).order(BEFORE_THE_BODY).handler(this::admit);
    }

    private void admit(RoutingContext rc) {
        long weight = weight(rc);
        synchronized (this) {
            if (taken > 0 && taken + weight > budget) {
                weight = -1;
            } else {
                taken += weight;
            }
        }
        if (weight < 0) {
            // the body stays unread: the connection cannot carry another request
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, "1").putHeader(HttpHeaders.CONNECTION, "close");
            RouterProblems.write(rc, 503, "Too many large writes at once; try again shortly");
            return;
        }
        long admitted = weight;
        rc.addEndHandler(ended -> giveBack(admitted));
        rc.next();
    }

    private long weight(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? maxBodySize : Math.max(0, Long.parseLong(length.strip()));
        } catch (NumberFormatException e) {
            return maxBodySize;
        }
    }

    private synchronized void giveBack(long weight) {
        taken -= weight;
    }

    synchronized long inFlight() {
        return taken;
    }
}
