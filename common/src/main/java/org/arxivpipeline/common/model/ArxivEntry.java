package org.arxivpipeline.common.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One arXiv search result as it travels from backend-arxiv-api to backend-results: the fields of a
 * stored result without {@code query_id} and {@code result_number}. {@code published} and {@code updated}
 * are ISO-8601 UTC; {@code categories} holds every category, the primary first; {@code abstract} is
 * arXiv's summary, whitespace collapsed; {@code pdf_url} is built from the id.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ArxivEntry(String arxivId, String title, String authors, String journal, String doi,
        String primaryCategory, String published, String url, @JsonProperty("abstract") String abstractText,
        List<String> categories, String updated, String comment, String pdfUrl) {

    /** The fields of the first release only; the later ones null (an older writer, a test). */
    public ArxivEntry(String arxivId, String title, String authors, String journal, String doi, String primaryCategory,
            String published, String url) {
        this(arxivId, title, authors, journal, doi, primaryCategory, published, url, null, null, null, null, null);
    }

    /** This entry stored as result {@code resultNumber} of query {@code queryId}. */
    public StoredResult stored(long queryId, int resultNumber) {
        return new StoredResult(queryId, resultNumber, arxivId, title, authors, journal, doi, primaryCategory, published, url, abstractText,
                categories, updated, comment, pdfUrl);
    }
}
