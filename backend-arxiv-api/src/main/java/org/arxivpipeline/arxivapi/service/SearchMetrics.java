package org.arxivpipeline.arxivapi.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.arxivpipeline.common.problem.ProblemException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;

/**
 * The service's meters: {@code arxiv_calls_total{outcome}}, {@code arxiv_call_duration_seconds{outcome}},
 * {@code arxiv_pacing_queue}, {@code arxiv_pacing_queue_capacity}, {@code arxiv_cache_requests_total{result}},
 * {@code arxiv_background_searches_total{result}}. The counters are there from the start (at 0), so that an
 * alert comparing rates sees a zero, not a missing series.
 */
@ApplicationScoped
class SearchMetrics {

    @Inject
    MeterRegistry registry;

    void registerAtStart(@Observes StartupEvent start) {
        for (String result : new String[] {"hit", "miss"}) {
            registry.counter("arxiv.cache.requests", "result", result);
        }
        for (String result : new String[] {"admitted", "yielded"}) {
            registry.counter("arxiv.background.searches", "result", result);
        }
        registry.counter("arxiv.calls", "outcome", "ok");
        registry.timer("arxiv.call.duration", "outcome", "ok");
    }

    void cacheRequest(boolean hit) {
        registry.counter("arxiv.cache.requests", "result", hit ? "hit" : "miss").increment();
    }

    /** A background search (a watch's run) let through ({@code admitted}) or refused while others waited ({@code yielded}). */
    void backgroundSearch(boolean admitted) {
        registry.counter("arxiv.background.searches", "result", admitted ? "admitted" : "yielded").increment();
    }

    void pacingQueue(PacingGate gate) {
        registry.gauge("arxiv.pacing.queue", gate, PacingGate::waiting);
        registry.gauge("arxiv.pacing.queue.capacity", gate, PacingGate::capacity);
    }

    Timer.Sample callStarted() {
        return Timer.start(registry);
    }

    /** One call ended: {@code ok}, {@code cancelled}, {@code retryable_<status>}, {@code failed_<status>} or {@code error}. */
    void callEnded(Timer.Sample sample, boolean answered, Throwable failure, boolean cancelled) {
        String outcome = answered ? "ok" : cancelled ? "cancelled" : outcome(failure);
        sample.stop(registry.timer("arxiv.call.duration", "outcome", outcome));
        registry.counter("arxiv.calls", "outcome", outcome).increment();
    }

    private static String outcome(Throwable failure) {
        if (failure instanceof RetryableFailure retryable) {
            return "retryable_" + retryable.problem.status();
        }
        if (failure instanceof ProblemException problem) {
            return "failed_" + problem.status();
        }
        return "error";
    }
}
