package org.arxivpipeline.common.model;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The answer of {@code GET /arxiv-api}: arXiv's entries in its order, its total hit count, the time of
 * its answer (Unix seconds, from its {@code Date} header) and the {@code search_query} as sent.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ArxivAnswer(List<ArxivEntry> data, long timestamp, int status, long numResults, int numEntries, String query) {
}
