package org.arxivpipeline.arxivapi.service;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.arxivapi.config.ArxivConfig;

/**
 * When a transient failure is tried again: up to {@code ARXIV_MAX_ATTEMPTS} tries, after a back-off that
 * starts at {@code ARXIV_RETRY_BACKOFF} and doubles per retry, or after arXiv's Retry-After when longer;
 * never when the wait would reach the search's deadline.
 */
@ApplicationScoped
class RetryPolicy {

    @Inject
    ArxivConfig config;

    /**
     * The wait in milliseconds before the try after {@code attempt} (1 for the first), or empty when no try
     * is left or the wait would end past {@code deadlineNanos} (System.nanoTime).
     */
    OptionalLong delayAfter(int attempt, RetryableFailure failure, long deadlineNanos) {
        long backoff = config.retryBackoff().toMillis() << (attempt - 1);
        long delay = Math.max(backoff, TimeUnit.SECONDS.toMillis(failure.retryAfterSeconds));
        if (attempt >= config.maxAttempts() || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) >= deadlineNanos) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(delay);
    }
}
