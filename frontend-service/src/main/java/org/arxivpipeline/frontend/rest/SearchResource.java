package org.arxivpipeline.frontend.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.time.TimestampParser;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.SearchParameters;
import org.arxivpipeline.common.validation.SearchRequest;
import org.arxivpipeline.frontend.config.FrontendConfig;
import org.arxivpipeline.frontend.model.SearchAnswer;
import org.arxivpipeline.frontend.service.SearchService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;

@Path("/arxiv")
public class SearchResource {

    @Inject
    SearchService searches;

    @Inject
    FrontendConfig config;

    @Inject
    TimestampParser times;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search arXiv and store the search", description = "At least one of author, title, journal, "
            + "abstract, all, category, ids; each text value is searched in its arXiv field, all its words must match, a value in "
            + "double quotes is a phrase; categories are ORed; submitted_from/to narrow by submission date. "
            + "The answer comes once the query and all its results are stored.")
    @APIResponse(responseCode = "200", description = "Stored; query_id identifies its results")
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed")
    @APIResponse(responseCode = "429", description = "The search could not get its turn at arXiv within its deadline (Retry-After)")
    @APIResponse(responseCode = "502", description = "arXiv or a backend answered an error")
    @APIResponse(responseCode = "503", description = "A backend is down (Retry-After)")
    @APIResponse(responseCode = "504", description = "arXiv or a backend timed out")
    public Uni<SearchAnswer> search(@BeanParam SearchParameters parameters) {
        InputErrors errors = new InputErrors();
        SearchRequest request = SearchRequest.read(parameters, config.defaultMaxResults(), times, errors);
        errors.throwIfAny();
        Notice.log(SearchResource.class, "search: %s", request.queryParameters());
        return searches.search(request).map(SearchAnswer::of);
    }
}
