package org.arxivpipeline.results.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "arxiv.results")
public interface ResultsConfig {

    /** HMAC key of the pagination cursors; every replica must share it (env {@code RESULTS_CURSOR_SECRET}). */
    String cursorSecret();

    /** Page size when the client gives none. */
    @WithDefault("10")
    int defaultItemsPerPage();
}
