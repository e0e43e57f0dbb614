package org.arxivpipeline.common.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One stored result of a query: its position {@code result_number} (0..n-1) in arXiv's answer, and the
 * fields of {@link ArxivEntry} (the later ones null for rows stored before they existed).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StoredResult(long queryId, int resultNumber, String arxivId, String title, String authors,
        String journal, String doi, String primaryCategory, String published, String url,
        @JsonProperty("abstract") String abstractText, List<String> categories, String updated, String comment, String pdfUrl) {
}
