package org.arxivpipeline.frontend.config;

import java.time.Duration;
import java.time.ZoneId;

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

}
