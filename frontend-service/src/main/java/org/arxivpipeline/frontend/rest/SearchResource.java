package org.arxivpipeline.frontend.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.SearchRequest;
import org.arxivpipeline.frontend.config.FrontendConfig;
import org.arxivpipeline.frontend.model.SearchAnswer;
import org.arxivpipeline.frontend.service.SearchService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

@Path("/arxiv")
public class SearchResource {

    @Inject
    SearchService searches;

    @Inject
    FrontendConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search arXiv and store the search", description = "At least one of author, title, journal; each "
            + "value is searched in its arXiv field, all its words must match, a value in double quotes is a phrase. "
            + "The answer comes once the query and all its results are stored.")
    @APIResponse(responseCode = "200", description = "Stored; query_id identifies its results")
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed")
    @APIResponse(responseCode = "429", description = "The arXiv waiting line is full (Retry-After)")
    @APIResponse(responseCode = "502", description = "arXiv or a backend answered an error")
    @APIResponse(responseCode = "503", description = "A backend is down (Retry-After)")
    @APIResponse(responseCode = "504", description = "arXiv or a backend timed out")
    public Uni<SearchAnswer> search(
            @Parameter(description = "Searched in the authors (au); \"quoted\" for a phrase", example = "\"del maestro\"")
            @RestQuery("author") String author,
            @Parameter(description = "Searched in the title (ti)", example = "electron") @RestQuery("title") String title,
            @Parameter(description = "Searched in the journal reference (jr)", example = "Phys. Rev. B") @RestQuery("journal") String journal,
            @Parameter(description = "1..2000, default 10", example = "10") @RestQuery("max_results") String maxResults) {
        InputErrors errors = new InputErrors();
        SearchRequest request = SearchRequest.read(author, title, journal, maxResults, config.defaultMaxResults(), errors);
        errors.throwIfAny();
        Notice.log(SearchResource.class, "search: author=%s title=%s journal=%s max_results=%d", request.author(),
                request.title(), request.journal(), request.maxResults());
        return searches.search(request.author(), request.title(), request.journal(), request.maxResults()).map(SearchAnswer::of);
    }
}
