package org.arxivpipeline.common.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A paper that a watch found for the first time: the result record of the run that found it (the fields
 * of {@link StoredResult}), and {@code first_seen} (Unix seconds).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WatchPaper(long queryId, int resultNumber, String arxivId, String title, String authors,
        String journal, String doi, String primaryCategory, String published, String url,
        @JsonProperty("abstract") String abstractText, List<String> categories, String updated, String comment, String pdfUrl,
        long firstSeen) {

    public static WatchPaper of(StoredResult result, long firstSeen) {
        return new WatchPaper(result.queryId(), result.resultNumber(), result.arxivId(), result.title(), result.authors(),
                result.journal(), result.doi(), result.primaryCategory(), result.published(), result.url(), result.abstractText(),
                result.categories(), result.updated(), result.comment(), result.pdfUrl(), firstSeen);
    }

    public StoredResult result() {
        return new StoredResult(queryId, resultNumber, arxivId, title, authors, journal, doi, primaryCategory, published, url,
                abstractText, categories, updated, comment, pdfUrl);
    }
}
