package org.arxivpipeline.watches.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** backend-watches' limits (env {@code ARXIV_WATCHES_*}). */
@ConfigMapping(prefix = "arxiv.watches")
public interface WatchesConfig {

    /** At most this many watches at once: a create beyond is a 409 (the 10,000 of the bench fit). */
    @WithDefault("10000")
    int max();

    /** A failed run is tried again after this, doubled at each failure in a row, never later than its period. */
    @WithDefault("5M")
    Duration retryAfterFailure();
}
