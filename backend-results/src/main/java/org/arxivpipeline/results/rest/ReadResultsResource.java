package org.arxivpipeline.results.rest;

import java.time.ZoneOffset;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.common.http.ClientWatch;
import org.arxivpipeline.common.http.NextPageLink;
import org.arxivpipeline.common.model.ResultsPage;
import org.arxivpipeline.common.time.TimestampParser;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.PageRequest;
import org.arxivpipeline.common.validation.ResultFilter;
import org.arxivpipeline.common.validation.ResultFilterParameters;
import org.arxivpipeline.results.config.ResultsConfig;
import org.arxivpipeline.results.mapping.ResultsCursor;
import org.arxivpipeline.results.service.ResultExportService;
import org.arxivpipeline.results.service.ResultService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

@Path("/read-results")
public class ReadResultsResource {

    /** The frontend sends times as Unix seconds; other forms without an offset are read as UTC. */
    private static final TimestampParser TIMES = new TimestampParser(ZoneOffset.UTC);

    @Inject
    ResultService results;

    @Inject
    ResultExportService exports;

    @Inject
    ResultsConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stored results, a page at a time, or all of them as a download", description = "Ordered by query_id then "
            + "result_number. cursor (from next_cursor) takes precedence over page and costs the same at any depth; it pages the "
            + "filters it was given with. format=csv|bibtex|ris|jsonl (or the Accept types) answers every matching result, streamed "
            + "(served by /read-results/download).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ResultsPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed; a forged or damaged cursor")
    @APIResponse(responseCode = "503", description = "Database unavailable")
    public Uni<Response> read(@RestQuery("query_id") String queryId, @RestQuery("page") String page,
            @RestQuery("items_per_page") String itemsPerPage, @RestQuery("cursor") String cursor, @RestQuery("format") String format,
            @BeanParam ResultFilterParameters filters, UriInfo uri) {
        InputErrors errors = new InputErrors();
        PageRequest request = PageRequest.read(queryId, page, itemsPerPage, cursor, errors);
        ResultFilter filter = ResultFilter.read(filters, TIMES, errors);
        // a named format was routed to download() before matching: here only an empty one, listed with the rest
        ExportFormat.choose(format, null, ExportFormat.OF_RESULTS, errors);
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
                        response.header(NextPageLink.HEADER, NextPageLink.to(next.build()));
                    }
                    return response.build();
                });
    }

    /**
     * Every result matching the filters as a download, in the format asked for. {@link DownloadRouting} sends
     * a {@code /read-results} that asks for one here before matching, so that a page keeps its plain response
     * (a page answered as a one-item stream lost a third of its rate: bench/RESULTS.md).
     */
    @GET
    @Path("download")
    @Operation(summary = "Stored results as a download", description = "What GET /read-results?format=… answers.")
    @APIResponse(responseCode = "200", content = {
        @Content(mediaType = "text/csv"), @Content(mediaType = "application/x-bibtex"),
        @Content(mediaType = "application/x-research-info-systems"), @Content(mediaType = "application/x-ndjson")})
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed; no format asked for")
    @APIResponse(responseCode = "503", description = "Database unavailable")
    public RestMulti<Buffer> download(@RestQuery("query_id") String queryId, @RestQuery("page") String page,
            @RestQuery("items_per_page") String itemsPerPage, @RestQuery("cursor") String cursor, @RestQuery("format") String format,
            @RestHeader("Accept") String accept, @BeanParam ResultFilterParameters filters, @Context RoutingContext routing) {
        InputErrors errors = new InputErrors();
        // a page's parameters mean nothing to a download, but a wrong one is still a wrong request
        PageRequest request = PageRequest.read(queryId, page, itemsPerPage, cursor, errors);
        ResultFilter filter = ResultFilter.read(filters, TIMES, errors);
        ExportFormat export = ExportFormat.required(format, accept, ExportFormat.OF_RESULTS, errors);
        errors.throwIfAny();
        String file = "results_" + (request.queryId() == null ? "all" : request.queryId());
        return RestMulti.fromMultiData(ClientWatch.cancelWhenGone(exports.export(request.queryId(), filter, export), routing))
                .header("Content-Type", export.contentType())
                .header("Content-Disposition", export.attachment(file))
                .build();
    }
}
