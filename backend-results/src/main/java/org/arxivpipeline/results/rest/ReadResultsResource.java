package org.arxivpipeline.results.rest;

import java.time.ZoneOffset;

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
import org.arxivpipeline.results.config.ResultsConfig;
import org.arxivpipeline.results.mapping.ResultsCursor;
import org.arxivpipeline.results.service.ResultService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

@Path("/read-results")
public class ReadResultsResource {

    /** The frontend sends times as Unix seconds; other forms without an offset are read as UTC. */
    private static final TimestampParser TIMES = new TimestampParser(ZoneOffset.UTC);

    @Inject
    ResultService results;

    @Inject
    ResultsConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stored results, a page at a time", description = "Ordered by query_id then result_number. "
            + "cursor (from next_cursor) takes precedence over page and costs the same at any depth; it pages the filters it "
            + "was given with.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ResultsPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed; a forged or damaged cursor")
    @APIResponse(responseCode = "503", description = "Database unavailable")
    public Uni<Response> read(@RestQuery("query_id") String queryId, @RestQuery("page") String page,
            @RestQuery("items_per_page") String itemsPerPage, @RestQuery("cursor") String cursor, @BeanParam ResultFilterParameters filters,
            UriInfo uri) {
        InputErrors errors = new InputErrors();
        PageRequest request = PageRequest.read(queryId, page, itemsPerPage, cursor, errors);
        ResultFilter filter = ResultFilter.read(filters, TIMES, errors);
        ResultsCursor position = request.cursor() == null ? null : results.cursor(request.cursor(), request.queryId(), filter, errors);
        errors.throwIfAny();
        int size = request.itemsPerPage() == null ? config.defaultItemsPerPage() : request.itemsPerPage();
        return results.page(request.queryId(), filter, request.page() == null ? 0 : request.page(), size, position)
                .map(served -> {
                    Response.ResponseBuilder response = Response.ok(served.page());
                    if (served.page().nextCursor() != null) {
                        var next = uri.getRequestUriBuilder()
                                .replaceQuery(null)
                                .queryParam("items_per_page", size)
                                .queryParam("cursor", served.page().nextCursor());
                        if (served.queryId() != null) {
                            next.queryParam("query_id", served.queryId());
                        }
                        filter.queryParameters().forEach((name, value) -> next.queryParam(name, value));
                        response.header("Link", "<" + next.build() + ">; rel=\"next\"");
                    }
                    return response.build();
                });
    }
}
