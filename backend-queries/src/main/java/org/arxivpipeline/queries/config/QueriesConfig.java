package org.arxivpipeline.queries.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "arxiv.queries")
public interface QueriesConfig {

    /**
     * Queries newer than this are left out of reads, so that a history read from a read replica does
     * not change when repeated while the replica settles. {@code 0s} (the default) shows everything.
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
