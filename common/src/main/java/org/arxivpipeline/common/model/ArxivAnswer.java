package org.arxivpipeline.common.model;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The answer of {@code GET /arxiv-api}: arXiv's entries in its order, its total hit count, the time of
 * its answer (Unix seconds, from its {@code Date} header), the request as arXiv got it ({@code query} is
 * the {@code search_query} as sent; {@code sort_by}, {@code sort_order}, {@code start}, {@code id_list}),
 * and whether arXiv returned every entry it should have. The later fields are null from a
 * backend-arxiv-api of the first release.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ArxivAnswer(List<ArxivEntry> data, long timestamp, int status, long numResults, int numEntries, String query,
        String sortBy, String sortOrder, Integer start, String idList, Boolean complete) {

    /** This answer with {@code complete} set: the same entries, short of what arXiv should have sent. */
    public ArxivAnswer incomplete() {
        return new ArxivAnswer(data, timestamp, status, numResults, numEntries, query, sortBy, sortOrder, start, idList, false);
    }

    /** The query record of this answer under {@code queryId}; an earlier backend's answer as a default search. */
    public QueryRecord record(long queryId) {
        return new QueryRecord(queryId, timestamp, status, numResults, numEntries, query,
                sortBy == null ? QueryRecord.DEFAULT_SORT_BY : sortBy, sortOrder == null ? QueryRecord.DEFAULT_SORT_ORDER : sortOrder,
                start == null ? 0 : start, idList, complete == null || complete, null);
    }
}
