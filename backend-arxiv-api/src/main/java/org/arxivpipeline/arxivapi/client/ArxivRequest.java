package org.arxivpipeline.arxivapi.client;

import org.arxivpipeline.common.validation.SearchRequest;

/**
 * One request to arXiv's query API, every parameter it gets: also the key of the answer cache, so that
 * identical requests share an answer and different ones never do. {@code searchQuery} is empty for ids
 * alone; {@code idList} null for none.
 */
public record ArxivRequest(String searchQuery, String idList, int start, int maxResults, SearchRequest.SortBy sortBy,
        SearchRequest.SortOrder sortOrder) {

    /** A search by query alone, in arXiv's default order from the first result. */
    public static ArxivRequest of(String searchQuery, int maxResults) {
        return new ArxivRequest(searchQuery, null, 0, maxResults, SearchRequest.SortBy.RELEVANCE, SearchRequest.SortOrder.DESCENDING);
    }

    /** The request for a checked search whose search_query is {@code searchQuery}. */
    public static ArxivRequest of(SearchRequest search, String searchQuery) {
        return new ArxivRequest(searchQuery, search.idList(), search.start(), search.maxResults(), search.sortBy(), search.sortOrder());
    }

    /**
     * How many entries a full answer holds: {@code max_results}, or what is left of the {@code total} hits
     * after {@code start}. An answer with fewer is short (arXiv sometimes sends a short or empty page).
     */
    public long expectedEntries(long total) {
        return Math.max(0, Math.min(maxResults, total - start));
    }

    /** For logs: the search_query and what else was asked. */
    public String describe() {
        StringBuilder text = new StringBuilder(searchQuery);
        if (idList != null) {
            text.append(" id_list=").append(idList);
        }
        if (start > 0) {
            text.append(" start=").append(start);
        }
        if (sortBy != SearchRequest.SortBy.RELEVANCE || sortOrder != SearchRequest.SortOrder.DESCENDING) {
            text.append(" sort=").append(sortBy.label()).append(' ').append(sortOrder.label());
        }
        return text.toString();
    }
}
