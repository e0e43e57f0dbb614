package org.arxivpipeline.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One stored search, as backend-queries writes and reads it ({@code query} without the "ArXiv Query: "
 * prefix): with the rest of the request as arXiv got it ({@code sort_by}, {@code sort_order}, {@code start},
 * {@code id_list}), so that a search in the history can be understood and run again, and whether arXiv
 * returned every entry it should have ({@code complete}); {@code watch_id} names the watch whose run it was
 * (null for a search someone made).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QueryRecord(long queryId, long timestamp, int status, long numResults, int numEntries, String query, String sortBy,
        String sortOrder, int start, String idList, boolean complete,
        // left out when null, as a backend-queries of the previous release expects it
        @JsonInclude(JsonInclude.Include.NON_NULL) Long watchId) {

    /** What a search of the first release was: arXiv's default order, from the first result, complete. */
    public static final String DEFAULT_SORT_BY = "relevance";
    public static final String DEFAULT_SORT_ORDER = "descending";

    /** A search by query alone, in arXiv's default order from the first result, complete. */
    public QueryRecord(long queryId, long timestamp, int status, long numResults, int numEntries, String query) {
        this(queryId, timestamp, status, numResults, numEntries, query, DEFAULT_SORT_BY, DEFAULT_SORT_ORDER, 0, null, true, null);
    }

    /** This record as the run of watch {@code id}. */
    public QueryRecord ofWatch(long id) {
        return new QueryRecord(queryId, timestamp, status, numResults, numEntries, query, sortBy, sortOrder, start, idList, complete, id);
    }
}
