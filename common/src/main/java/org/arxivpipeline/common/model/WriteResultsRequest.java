package org.arxivpipeline.common.model;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The body of {@code POST /write-results}: every result of one query, in arXiv's order. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WriteResultsRequest(long queryId, long timestamp, List<ArxivEntry> results) {

    /** The most results one query can have (the contract's {@code max_results} bound). */
    public static final int MAX_RESULTS = 2000;
}
