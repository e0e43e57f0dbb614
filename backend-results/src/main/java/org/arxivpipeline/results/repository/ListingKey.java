package org.arxivpipeline.results.repository;

/** A position in the listing of every result, ordered by (query_id, result_number). */
public record ListingKey(long queryId, int resultNumber) {

    /** Before every result. */
    public static final ListingKey START = new ListingKey(Long.MIN_VALUE, Integer.MIN_VALUE);
}
