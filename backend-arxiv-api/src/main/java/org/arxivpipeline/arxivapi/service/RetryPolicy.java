package org.arxivpipeline.arxivapi.service;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.arxivapi.config.ArxivConfig;

/**
 * When a transient failure is tried again: up to {@code ARXIV_MAX_ATTEMPTS} tries, after a back-off that
 * starts at {@code ARXIV_RETRY_BACKOFF} and doubles per retry, or after arXiv's Retry-After when longer;
 * never when the wait would end past the search's latest start (its deadline less the time kept for a
 * call): such a try could not be made in time, so the search answers at once for the call it made.
 */
@ApplicationScoped
class RetryPolicy {

    @Inject
    ArxivConfig config;

    /**
     * The wait in milliseconds before the try after {@code attempt} (1 for the first), or empty when no try
     * is left or the wait would end past {@code latestStartNanos} (System.nanoTime).
     */
    OptionalLong delayAfter(int attempt, RetryableFailure failure, long latestStartNanos) {
        long backoff = config.retryBackoff().toMillis() << (attempt - 1);
        long delay = Math.max(backoff, TimeUnit.SECONDS.toMillis(failure.retryAfterSeconds));
        if (attempt >= config.maxAttempts() || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) > latestStartNanos) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(delay);
    }
}
