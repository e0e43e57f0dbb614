package org.arxivpipeline.common.db;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long the suite waits on its database before answering 503/504 instead of hanging. */
@ConfigMapping(prefix = "arxiv.db")
public interface DatabaseConfig {

    /** TCP connect timeout to PostgreSQL (Vert.x' own default is 60 s). */
    @WithDefault("3s")
    Duration connectTimeout();

    /** Requests allowed to wait for a connection; beyond that a request fails at once (503). */
    @WithDefault("2000")
    int maxWaitQueue();

    /**
     * Longest one database call may take, waiting for a pooled connection included, before the request
     * answers 504. (The pool's own acquire timeout is not used: in Vert.x 4.5 its timer outlives a
     * failed acquisition and fails an already completed promise, an ERROR line per request while the
     * database is down.)
     */
    @WithDefault("10s")
    Duration queryTimeout();

    /**
     * PostgreSQL's {@code work_mem} for the service's sessions ({@code ARXIV_DB_WORK_MEM}), set when each
     * connection opens. PostgreSQL's 4 MB turns the bitmap of a filter matching some 150,000 results lossy,
     * and every row of a lossy page is checked again (a count 20 times slower: bench/RESULTS.md). At most one
     * such bitmap or sort per statement, on connections bounded by the pools.
     */
    @WithDefault("32MB")
    String workMem();

    /**
     * Streamed reads (history downloads, exports) that may hold a connection at once
     * ({@code ARXIV_DB_MAX_STREAMS}); kept below the read pool's size (20) so that short reads always find
     * one.
     */
    @WithDefault("10")
    int maxStreams();

    /** Streams that may wait for a slot ({@code ARXIV_DB_STREAM_WAITING_LINE}); beyond, a 503 at once. */
    @WithDefault("200")
    int streamWaitingLine();

    /** How long a stream waits for a slot before it is refused with 503 ({@code ARXIV_DB_STREAM_WAIT}). */
    @WithDefault("2s")
    Duration streamWait();

    /**
     * How often the gauges read from the database are refreshed ({@code ARXIV_DB_GAUGE_INTERVAL}):
     * {@code arxiv_database_up} ({@link DatabaseProbe}) and backend-watches' backlog.
     */
    @WithDefault("15s")
    Duration gaugeInterval();
}
