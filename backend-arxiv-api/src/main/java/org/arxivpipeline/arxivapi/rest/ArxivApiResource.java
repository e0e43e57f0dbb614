package org.arxivpipeline.arxivapi.rest;

import java.time.ZoneOffset;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import org.arxivpipeline.arxivapi.client.ArxivRequest;
import org.arxivpipeline.arxivapi.config.ArxivConfig;
import org.arxivpipeline.arxivapi.service.SearchQuery;
import org.arxivpipeline.arxivapi.service.SearchService;
import org.arxivpipeline.common.model.ArxivAnswer;
import org.arxivpipeline.common.time.TimestampParser;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.SearchParameters;
import org.arxivpipeline.common.validation.SearchRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;

@Path("/arxiv-api")
public class ArxivApiResource {

    /** The frontend sends dates as Unix seconds; other forms without an offset are read as UTC. */
    private static final TimestampParser TIMES = new TimestampParser(ZoneOffset.UTC);

    @Inject
    SearchService search;

    @Inject
    ArxivConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search arXiv", description = "Each text value is searched in its arXiv field (ti, au, jr, abs, all): "
            + "all its words must match; a value in double quotes is an exact phrase. Categories are ORed, ids looked up or "
            + "filtered, dates narrow by submission. query is the search_query as sent.")
    @APIResponse(responseCode = "200", description = "arXiv's entries, total hit count and the request as arXiv got it")
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed; or arXiv rejected the query")
    @APIResponse(responseCode = "429", description = "The search could not get its turn at arXiv within its deadline (Retry-After)")
    @APIResponse(responseCode = "502", description = "arXiv answered an error or something unreadable")
    @APIResponse(responseCode = "503", description = "arXiv is unavailable (Retry-After)")
    @APIResponse(responseCode = "504", description = "arXiv did not answer within the deadline")
    public Uni<ArxivAnswer> search(@BeanParam SearchParameters parameters,
            @Parameter(description = "background: a search that yields to interactive ones (a watch's run); it is refused (429) "
                    + "while any search waits for its turn") @RestQuery String priority) {
        InputErrors errors = new InputErrors();
        boolean background = "background".equals(priority);
        if (priority != null && !priority.isEmpty() && !background && !"interactive".equals(priority)) {
            errors.add("priority", "must be interactive (default) or background");
        }
        SearchRequest request = SearchRequest.read(parameters, config.defaultMaxResults(), TIMES, errors);
        String query;
        if (request == null) {
            // a field with no word is listed with the other errors
            SearchQuery.checkWords(parameters, errors);
            query = null;
        } else {
            query = SearchQuery.build(request, errors);
        }
        errors.throwIfAny();
        ArxivRequest call = ArxivRequest.of(request, query);
        return background ? search.searchInBackground(call) : search.search(call);
    }
}
