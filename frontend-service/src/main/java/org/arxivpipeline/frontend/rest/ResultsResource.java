package org.arxivpipeline.frontend.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.arxivpipeline.common.model.ResultsPage;
import org.arxivpipeline.common.time.TimestampParser;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.PageRequest;
import org.arxivpipeline.common.validation.ResultFilter;
import org.arxivpipeline.common.validation.ResultFilterParameters;
import org.arxivpipeline.frontend.service.ResultService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

@Path("/results")
public class ResultsResource {

    @Inject
    ResultService results;

    @Inject
    TimestampParser times;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stored results, a page at a time", description = "Ordered by query_id then result_number; "
            + "narrowed by any of the filters (combined: all must hold). cursor (from next_cursor, or the Link header) takes "
            + "precedence over page, costs the same at any depth, and pages the filters it was given with.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ResultsPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed; a cursor this service did not issue")
    @APIResponse(responseCode = "503", description = "backend-results is down (Retry-After)")
    public Uni<Response> page(
            @Parameter(description = "Results of one query; all results without it", example = "42") @RestQuery("query_id") String queryId,
            @Parameter(description = "≥ 0, default 0", example = "0") @RestQuery("page") String page,
            @Parameter(description = "1..100, default 10", example = "10") @RestQuery("items_per_page") String itemsPerPage,
            @Parameter(description = "next_cursor of the previous page; wins over page") @RestQuery("cursor") String cursor,
            @BeanParam ResultFilterParameters filters, UriInfo uri) {
        InputErrors errors = new InputErrors();
        PageRequest request = PageRequest.read(queryId, page, itemsPerPage, cursor, errors);
        ResultFilter filter = ResultFilter.read(filters, times, errors);
        errors.throwIfAny();
        // only the next page's link moves from /read-results to /results
        return results.page(request.queryId(), request.page(), request.itemsPerPage(), request.cursor(), filter).map(stored -> {
            Response.ResponseBuilder response = Response.ok(stored.json(), MediaType.APPLICATION_JSON_TYPE);
            if (stored.nextPageQuery() != null) {
                response.header("Link", "<" + uri.getRequestUriBuilder().replaceQuery(stored.nextPageQuery()).build() + ">; rel=\"next\"");
            }
            return response.build();
        });
    }
}
