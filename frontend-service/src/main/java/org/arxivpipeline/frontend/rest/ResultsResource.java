package org.arxivpipeline.frontend.rest;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.common.http.NextPageLink;
import org.arxivpipeline.common.model.ResultsPage;
import org.arxivpipeline.common.time.TimestampParser;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.PageRequest;
import org.arxivpipeline.common.validation.ResultFilter;
import org.arxivpipeline.common.validation.ResultFilterParameters;
import org.arxivpipeline.frontend.service.ResultDownloadService;
import org.arxivpipeline.frontend.service.ResultService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

@Path("/results")
public class ResultsResource {

    @Inject
    ResultService results;

    @Inject
    TimestampParser times;

    @Inject
    ResultDownloadService downloads;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stored results, a page at a time, or all of them as a download", description = "Ordered by query_id then "
            + "result_number; narrowed by any of the filters (combined: all must hold). cursor (from next_cursor, or the Link header) "
            + "takes precedence over page, costs the same at any depth, and pages the filters it was given with. format=csv|bibtex|ris|jsonl "
            + "(or the Accept types text/csv, application/x-bibtex, application/x-research-info-systems, application/x-ndjson) answers "
            + "every matching result, streamed, as the attachment results_<query_id or all>.<csv|bib|ris|jsonl>.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ResultsPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed; a cursor this service did not issue")
    @APIResponse(responseCode = "503", description = "backend-results is down (Retry-After)")
    public Uni<Response> page(
            @Parameter(description = "Results of one query; all results without it", example = "42") @RestQuery("query_id") String queryId,
            @Parameter(description = "≥ 0, default 0", example = "0") @RestQuery("page") String page,
            @Parameter(description = "1..100, default 10", example = "10") @RestQuery("items_per_page") String itemsPerPage,
            @Parameter(description = "next_cursor of the previous page; wins over page") @RestQuery("cursor") String cursor,
            @Parameter(description = "csv, bibtex, ris or jsonl: every matching result as a download") @RestQuery("format") String format,
            @BeanParam ResultFilterParameters filters, UriInfo uri) {
        InputErrors errors = new InputErrors();
        PageRequest request = PageRequest.read(queryId, page, itemsPerPage, cursor, errors);
        ResultFilter filter = ResultFilter.read(filters, times, errors);
        // a named format was routed to download() before matching: here only an empty one, listed with the rest
        ExportFormat.choose(format, null, ExportFormat.OF_RESULTS, errors);
        errors.throwIfAny();
        // only the next page's link moves from /read-results to /results
        return results.page(request.queryId(), request.page(), request.itemsPerPage(), request.cursor(), filter).map(stored -> {
            Response.ResponseBuilder response = Response.ok(stored.json(), MediaType.APPLICATION_JSON_TYPE);
            if (stored.nextPageQuery() != null) {
                response.header(NextPageLink.HEADER, NextPageLink.to(uri.getRequestUriBuilder().replaceQuery(stored.nextPageQuery()).build()));
            }
            return response.build();
        });
    }

    /**
     * Every matching result as a download, passed through from backend-results. {@link DownloadRouting} sends a
     * {@code /results} that asks for one here before matching, so that a page keeps its plain response.
     */
    @GET
    @Path("download")
    @Operation(summary = "Stored results as a download", description = "What GET /results?format=… answers.")
    @APIResponse(responseCode = "200", content = {
        @Content(mediaType = "text/csv"), @Content(mediaType = "application/x-bibtex"),
        @Content(mediaType = "application/x-research-info-systems"), @Content(mediaType = "application/x-ndjson")})
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed; no format asked for")
    @APIResponse(responseCode = "503", description = "backend-results is down (Retry-After)")
    public RestMulti<Buffer> download(@RestQuery("query_id") String queryId, @RestQuery("page") String page,
            @RestQuery("items_per_page") String itemsPerPage, @RestQuery("cursor") String cursor, @RestQuery("format") String format,
            @RestHeader("Accept") String accept, @BeanParam ResultFilterParameters filters, @Context RoutingContext routing) {
        InputErrors errors = new InputErrors();
        // a page's parameters mean nothing to a download, but a wrong one is still a wrong request
        PageRequest request = PageRequest.read(queryId, page, itemsPerPage, cursor, errors);
        ResultFilter filter = ResultFilter.read(filters, times, errors);
        ExportFormat export = ExportFormat.required(format, accept, ExportFormat.OF_RESULTS, errors);
        errors.throwIfAny();
        Map<String, List<String>> headers = Map.of("Content-Type", List.of(export.contentType()),
                "Content-Disposition", List.of(export.attachment("results_" + (request.queryId() == null ? "all" : request.queryId()))));
        return RestMulti.fromUniResponse(downloads.download(request.queryId(), filter, export, () -> routing.response().closed()),
                multi -> multi, ignored -> headers, ignored -> 200);
    }
}
