package org.arxivpipeline.arxivapi.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.arxivpipeline.arxivapi.config.ArxivConfig;
import org.arxivpipeline.arxivapi.service.SearchQuery;
import org.arxivpipeline.arxivapi.service.SearchService;
import org.arxivpipeline.common.model.ArxivAnswer;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.SearchRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

@Path("/arxiv-api")
public class ArxivApiResource {

    @Inject
    SearchService search;

    @Inject
    ArxivConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search arXiv", description = "Each value is searched in its arXiv field (ti, au, jr): all its "
            + "words must match; a value in double quotes is an exact phrase. query is the search_query as sent.")
    @APIResponse(responseCode = "200", description = "arXiv's entries, total hit count and the query as sent")
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed; or arXiv rejected the query")
    @APIResponse(responseCode = "429", description = "The arXiv waiting line is full (Retry-After)")
    @APIResponse(responseCode = "502", description = "arXiv answered an error or something unreadable")
    @APIResponse(responseCode = "503", description = "arXiv is unavailable (Retry-After)")
    @APIResponse(responseCode = "504", description = "arXiv did not answer within the deadline")
    public Uni<ArxivAnswer> search(@RestQuery("author") String author, @RestQuery("title") String title,
            @RestQuery("journal") String journal, @RestQuery("max_results") String maxResults) {
        InputErrors errors = new InputErrors();
        SearchRequest request = SearchRequest.read(author, title, journal, maxResults, config.defaultMaxResults(), errors);
        // built even when the request is invalid, so a field with no word is listed with the other errors
        String query = SearchQuery.build(title, author, journal, errors);
        errors.throwIfAny();
        return search.search(query, request.maxResults());
    }
}
