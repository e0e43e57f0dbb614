package org.arxivpipeline.common.validation;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The filters of {@code GET /results} (and {@code GET /read-results}) as they arrive, text only:
 * {@link ResultFilter#read} checks them all at once.
 */
public class ResultFilterParameters {

    @RestQuery("q")
    @Parameter(description = "Full text over title, abstract and authors, web-search syntax: words, \"a phrase\", -word, OR; "
            + "English stemming", example = "\"spin liquid\" -kitaev")
    public String q;

    @RestQuery("category")
    @Parameter(description = "arXiv category ids, comma-separated: results having any of them", example = "cs.LG,stat.ML")
    public String category;

    @RestQuery("author")
    @Parameter(description = "An author's name contains every word (case- and accent-insensitive)", example = "maestro")
    public String author;

    @RestQuery("published_from")
    @Parameter(description = "Published at or after (time forms of /queries; a date alone: its start)", example = "2024-01-01")
    public String publishedFrom;

    @RestQuery("published_to")
    @Parameter(description = "Published at or before (a date alone: its end)", example = "2024-12-31")
    public String publishedTo;

    @RestQuery("arxiv_id")
    @Parameter(description = "Every stored version of this paper (a version given or not)", example = "2405.01234")
    public String arxivId;
}
