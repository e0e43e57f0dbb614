package org.arxivpipeline.queries.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "arxiv.queries")
public interface QueriesConfig {

    /**
     * Queries newer than this are left out of reads, as the seed did to hide records a read replica
     * may not have settled yet. {@code 0s} (the default) shows everything.
     */
    @WithDefault("0s")
    Duration settleWindow();

    /** Rows fetched from the cursor per round trip while streaming a history. */
    @WithDefault("1000")
    int fetchSize();

    /** Records per chunk written to the client. */
    @WithDefault("500")
    int chunkSize();
}
