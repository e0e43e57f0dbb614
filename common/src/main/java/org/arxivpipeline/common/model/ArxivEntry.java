package org.arxivpipeline.common.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One arXiv search result as it travels from backend-arxiv-api to backend-results: the fields of a
 * stored result without {@code query_id} and {@code result_number}. {@code published} is ISO-8601 UTC.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ArxivEntry(String arxivId, String title, String authors, String journal, String doi,
        String primaryCategory, String published, String url) {
}
