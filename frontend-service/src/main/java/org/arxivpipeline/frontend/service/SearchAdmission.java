package org.arxivpipeline.frontend.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.frontend.config.FrontendConfig;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Admits a search only while the results of the searches in flight fit the frontend's budget, so that
 * a burst of large searches cannot exhaust the heap: each search holds its arXiv answer and the body of
 * its {@code write-results} call until both writes are done. A search weighs its {@code max_results}
 * plus {@link #OVERHEAD}; one that does not fit is refused at once with 503 and {@code Retry-After}
 * (a queue would hold the clients' connections and deadlines for nothing). The budget is
 * {@link FrontendConfig#resultsInFlight()}, by default derived from the heap (see there).
 */
@ApplicationScoped
public class SearchAdmission {

    /**
     * What a search holds besides its results (the request and its calls), in results: little, so that
     * hundreds of small searches waiting for their arXiv turn are not refused here.
     */
    static final int OVERHEAD = 1;
    static final long RETRY_AFTER_SECONDS = 2;

    private final long budget;
    private long taken;

    @Inject
    SearchAdmission(FrontendConfig config, MeterRegistry registry) {
        this.budget = config.resultsInFlight().orElseGet(FrontendConfig::resultsInFlightForHeap);
        Gauge.builder("arxiv.searches.results.in.flight", this, SearchAdmission::inFlight)
                .description("Results the searches in flight may hold (max_results summed)").register(registry);
        Gauge.builder("arxiv.searches.results.budget", () -> budget)
                .description("Results in flight beyond which a search is refused with 503").register(registry);
    }

    /** Takes the weight of a search of {@code maxResults}, or throws the 503 that refuses it. */
    public Ticket admit(int maxResults) {
        long weight = maxResults + OVERHEAD;
        synchronized (this) {
            if (taken + weight > budget && taken > 0) {
                throw ProblemException.unavailable("Too many large searches at once; try again shortly", RETRY_AFTER_SECONDS);
            }
            taken += weight;
        }
        return new Ticket(weight);
    }

    synchronized long inFlight() {
        return taken;
    }

    private synchronized void giveBack(long weight) {
        taken -= weight;
    }

    /** A search's share of the budget, given back once, when the search has ended. */
    public final class Ticket {

        private final long weight;
        private boolean returned;

        private Ticket(long weight) {
            this.weight = weight;
        }

        public void giveBack() {
            synchronized (SearchAdmission.this) {
                if (returned) {
                    return;
                }
                returned = true;
            }
            SearchAdmission.this.giveBack(weight);
        }
    }
}
