package org.arxivpipeline.common.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One stored search, as backend-queries writes and reads it ({@code query} without the "ArXiv Query: " prefix). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QueryRecord(long queryId, long timestamp, int status, long numResults, int numEntries, String query) {
}
