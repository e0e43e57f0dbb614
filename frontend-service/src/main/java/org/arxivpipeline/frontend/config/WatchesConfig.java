package org.arxivpipeline.frontend.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The watch runner of this frontend (env {@code ARXIV_WATCHES_*}); the schedule itself is {@code arxiv.watches.poll}. */
@ConfigMapping(prefix = "arxiv.watches")
public interface WatchesConfig {

    /** Whether this frontend runs due watches (every replica may: each run is claimed by one). */
    @WithDefault("true")
    boolean runnerEnabled();

    /** How often this frontend looks for due runs ({@code ARXIV_WATCHES_POLL}). */
    @WithDefault("30s")
    Duration poll();

    /** The delay before the first look after start. */
    @WithDefault("10s")
    Duration firstPoll();

    /** Runs claimed at once (then run one after another). */
    @WithDefault("2")
    int runsAtOnce();

    /**
     * How long a claim holds: longer than the runs at once take (a search answers within 30 s), so that no
     * run under way is taken over; a runner that dies gives its runs back after this.
     */
    @WithDefault("120s")
    Duration lease();
}
