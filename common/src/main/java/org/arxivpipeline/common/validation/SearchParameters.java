package org.arxivpipeline.common.validation;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The query parameters of a search as they arrive, text only ({@code GET /arxiv} and {@code GET /arxiv-api}
 * take the same): {@link SearchRequest#read} checks them all at once. A bean parameter, so that both
 * endpoints declare and document them in one place.
 */
public class SearchParameters {

    @RestQuery("author")
    @Parameter(description = "Searched in the authors (au): every word must match; \"quoted\" for a phrase", example = "\"del maestro\"")
    public String author;

    @RestQuery("title")
    @Parameter(description = "Searched in the title (ti)", example = "electron")
    public String title;

    @RestQuery("journal")
    @Parameter(description = "Searched in the journal reference (jr)", example = "Phys. Rev. B")
    public String journal;

    @RestQuery("abstract")
    @Parameter(description = "Searched in the abstract (abs)", example = "\"quantum criticality\"")
    public String abstractText;

    @RestQuery("all")
    @Parameter(description = "Searched in every field (all)", example = "graphene")
    public String all;

    @RestQuery("category")
    @Parameter(description = "arXiv category ids, comma-separated, any of them (cat)", example = "cs.LG,stat.ML")
    public String category;

    @RestQuery("ids")
    @Parameter(description = "Up to 100 arXiv ids, comma-separated (id_list): alone they are looked up, with other fields filtered",
            example = "2405.01234,hep-th/9901001v2")
    public String ids;

    @RestQuery("submitted_from")
    @Parameter(description = "Submitted at or after (a date alone: its start); the time forms of /queries", example = "2024-01-01")
    public String submittedFrom;

    @RestQuery("submitted_to")
    @Parameter(description = "Submitted at or before (a date alone: its end)", example = "2024-12-31")
    public String submittedTo;

    @RestQuery("sort_by")
    @Parameter(description = "relevance (default), submitted or updated", example = "submitted")
    public String sortBy;

    @RestQuery("sort_order")
    @Parameter(description = "descending (default) or ascending", example = "descending")
    public String sortOrder;

    @RestQuery("start")
    @Parameter(description = "Index of the first result, 0..29999, default 0; start + max_results at most 30000", example = "0")
    public String start;

    @RestQuery("max_results")
    @Parameter(description = "1..2000, default 10", example = "10")
    public String maxResults;
}
