package org.arxivpipeline.arxivapi.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How this service talks to arXiv (env {@code ARXIV_BASE_URL}, {@code ARXIV_MIN_INTERVAL}, ...). */
@ConfigMapping(prefix = "arxiv")
public interface ArxivConfig {

    /** The arXiv query endpoint. */
    @WithDefault("https://export.arxiv.org/api/query")
    String baseUrl();

    /** Least time between the starts of two calls to arXiv (arXiv's terms: one every 3 s, one connection at a time). */
    @WithDefault("3s")
    Duration minInterval();

    /**
     * With the pacing shared by replicas: extra space between the starts of two calls, for what the replicas
     * cannot measure (the way from a replica's send to arXiv), so that calls from different replicas reach
     * arXiv at least {@code minInterval} apart. (A call sent late after taking its turn moves the next start
     * on by as much; that is measured.)
     */
    @WithDefault("100ms")
    Duration pacingGuard();

    /**
     * With the pacing shared by replicas: how often a replica whose search waits looks again whether the
     * call under way (on any replica) has ended. Each look is one short UPDATE of the pacing row.
     */
    @WithDefault("100ms")
    Duration pacingPoll();

    /** Requests that may wait for their turn at arXiv in this process; more, or a wait beyond the deadline, is a 429. */
    @WithDefault("16")
    int maxQueue();

    /** The whole search, waiting for slots and retries included, ends within this (then 504). */
    @WithDefault("25s")
    Duration deadline();

    /**
     * Time kept for the call itself: a search joins the waiting line only if its turn comes at least this
     * long before its deadline, so an admitted search is answered rather than timed out (504).
     */
    @WithDefault("5s")
    Duration callAllowance();

    /** Tries per search for transient failures (connection errors, 5xx, 429, spurious empty pages). */
    @WithDefault("3")
    int maxAttempts();

    /** The first back-off before a retry; it doubles per retry, and arXiv's Retry-After wins when longer. */
    @WithDefault("3s")
    Duration retryBackoff();

    /** TCP connect timeout to arXiv. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest silence while waiting for arXiv's answer. */
    @WithDefault("20s")
    Duration readTimeout();

    /**
     * The most one call may take, connecting and reading its whole answer: the connect timeout plus the
     * read timeout (the read timeout alone restarts with every byte that arrives).
     */
    default Duration callTimeout() {
        return connectTimeout().plus(readTimeout());
    }

    /** Identical searches within this time are answered from the cache; 0 turns caching off (in-flight ones are still shared). */
    @WithDefault("60s")
    Duration cacheTtl();

    /** Most answers kept in the cache. */
    @WithDefault("1000")
    long cacheSize();

    /** {@code max_results} when the client gives none. */
    @WithDefault("10")
    int defaultMaxResults();

    /**
     * The software and its version, first in the {@code User-Agent} of every call to arXiv: by default this
     * build's own version (the Maven project's, which Quarkus records as {@code quarkus.application.version}).
     */
    @WithDefault("arxiv-pipeline/${quarkus.application.version}")
    String userAgent();

    /**
     * An e-mail address or URL sent to arXiv after {@link #userAgent()} (env {@code ARXIV_CONTACT}), as arXiv
     * asks of API clients: whoever runs this deployment can be reached. Absent: no contact sent.
     */
    Optional<String> contact();
}
