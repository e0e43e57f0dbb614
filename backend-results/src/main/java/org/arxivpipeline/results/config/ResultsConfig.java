package org.arxivpipeline.results.config;

import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "arxiv.results")
public interface ResultsConfig {

    /** HMAC key of the pagination cursors; every replica must share it (env {@code RESULTS_CURSOR_SECRET}). */
    String cursorSecret();

    /** Page size when the client gives none. */
    @WithDefault("10")
    int defaultItemsPerPage();

    /** Rows fetched from the cursor per round trip while streaming a download. */
    @WithDefault("500")
    int exportFetchSize();

    /**
     * Every how many rows the listing of all results remembers its position, so that a page by number
     * skips fewer rows than this in the index (OffsetCheckpoints).
     */
    @WithDefault("10000")
    long offsetCheckpointEvery();

    /**
     * How often the GIN indexes' pending entries are merged into the indexes (ResultIndexUpkeep), so that a
     * filtered page does not read them all ({@code ARXIV_RESULTS_INDEX_UPKEEP_INTERVAL}); {@code 0s}: never
     * (PostgreSQL then merges them when a list outgrows 4 MB, or at a vacuum).
     */
    @WithDefault("10s")
    java.time.Duration indexUpkeepInterval();

    /** Results per chunk written to the client of a download. */
    @WithDefault("100")
    int exportChunkSize();

    /**
     * Bytes of {@code write-results} bodies that may be stored at once, beyond which a write is refused
     * with 503 until one ends ({@code ARXIV_RESULTS_WRITE_BYTES_IN_FLIGHT}, e.g. {@code 8M}). Absent:
     * {@link #writeBytesInFlightForHeap()}.
     */
    Optional<MemorySize> writeBytesInFlight();

    /**
     * Heap a write takes per byte of its body until stored: the body, the JSON read from it, the records
     * and the statement's arrays. Whole records are mostly abstracts, long strings that cost little more
     * than their bytes; measured in bench/RESULTS.md ("heap per result").
     */
    int HEAP_PER_BODY_BYTE = 4;

    /** The default budget: 40 % of the maximum heap over {@link #HEAP_PER_BODY_BYTE} (96 MiB: 9.6 MiB of bodies, three writes of 2,000 whole records). */
    static long writeBytesInFlightForHeap() {
        return Runtime.getRuntime().maxMemory() * 4 / 10 / HEAP_PER_BODY_BYTE;
    }
}
