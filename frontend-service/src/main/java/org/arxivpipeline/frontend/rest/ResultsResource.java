package org.arxivpipeline.frontend.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.arxivpipeline.common.model.ResultsPage;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.frontend.client.ResultsBackend;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

@Path("/results")
public class ResultsResource {

    static final long MAX_PAGE = 10_000_000;
    static final int MAX_ITEMS_PER_PAGE = 100;
    static final int MAX_CURSOR_LENGTH = 200;

    @Inject
    ResultsBackend results;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stored results, a page at a time", description = "Ordered by query_id then result_number. "
            + "cursor (from next_cursor, or the Link header) takes precedence over page and costs the same at any depth.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ResultsPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed; a cursor this service did not issue")
    @APIResponse(responseCode = "503", description = "backend-results is down (Retry-After)")
    public Uni<Response> page(@RestQuery("query_id") String queryId, @RestQuery("page") String page,
            @RestQuery("items_per_page") String itemsPerPage, @RestQuery("cursor") String cursor, UriInfo uri) {
        InputErrors errors = new InputErrors();
        Long query = errors.optionalInteger("query_id", queryId, 1, Long.MAX_VALUE);
        Long pageNumber = errors.optionalInteger("page", page, 0, MAX_PAGE);
        Long size = errors.optionalInteger("items_per_page", itemsPerPage, 1, MAX_ITEMS_PER_PAGE);
        String position = cursor == null || cursor.isEmpty() ? null : cursor;
        if (position != null && position.length() > MAX_CURSOR_LENGTH) {
            errors.add("cursor", "is not a cursor this service issued");
        }
        errors.throwIfAny();
        return results.read(query, pageNumber, size == null ? null : size.intValue(), position).map(result -> {
            Response.ResponseBuilder response = Response.ok(result);
            if (result.nextCursor() != null) {
                var next = uri.getRequestUriBuilder().replaceQuery(null);
                if (query != null) {
                    next.queryParam("query_id", query);
                }
                next.queryParam("items_per_page", result.itemsPerPage()).queryParam("cursor", result.nextCursor());
                response.header("Link", "<" + next.build() + ">; rel=\"next\"");
            }
            return response.build();
        });
    }
}
