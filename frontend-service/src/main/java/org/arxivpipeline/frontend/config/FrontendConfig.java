package org.arxivpipeline.frontend.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "arxiv.frontend")
public interface FrontendConfig {

    /** Zone of the time forms without an offset ({@code 2024-05-06T18:58:09}, {@code 2024-05-06}). */
    @WithDefault("UTC")
    ZoneId timeZone();

    /** {@code max_results} of {@code GET /arxiv} when the client gives none. */
    @WithDefault("10")
    int defaultMaxResults();

    /** A whole search, arXiv and both writes included, answers within this (then 504). */
    @WithDefault("29s")
    Duration searchDeadline();

    /**
     * How many results the searches in flight may hold together ({@code max_results} summed, plus a
     * small overhead each), beyond which a search is refused with 503 ({@code ARXIV_FRONTEND_RESULTS_IN_FLIGHT}).
     * Absent: {@link #resultsInFlightForHeap()}.
     */
    OptionalLong resultsInFlight();

    /**
     * Heap a result in flight may take: its arXiv answer, its parsed record and its share of the write
     * body; about twice what was measured with whole records (a 1 KB abstract each), for safety (the
     * measurements: bench/RESULTS.md, "heap per result").
     */
    long BYTES_PER_RESULT = 6 * 1024;

    /**
     * The default budget: 40 % of the maximum heap at {@link #BYTES_PER_RESULT} a result (96 MiB: 6,553
     * results, three searches of 2,000 at once), never less than one search of 2,000.
     */
    static long resultsInFlightForHeap() {
        return Math.max(2_100, Runtime.getRuntime().maxMemory() * 4 / 10 / BYTES_PER_RESULT);
    }
}
