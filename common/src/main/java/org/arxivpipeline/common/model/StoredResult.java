package org.arxivpipeline.common.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One stored result of a query: its position {@code result_number} (0..n-1) in arXiv's answer. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StoredResult(long queryId, int resultNumber, String arxivId, String title, String authors,
        String journal, String doi, String primaryCategory, String published, String url) {
}
