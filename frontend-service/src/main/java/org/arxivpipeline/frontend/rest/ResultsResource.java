package org.arxivpipeline.frontend.rest;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.arxivpipeline.common.export.ExportFormat;
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

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

@Path("/results")
public class ResultsResource {

    @Inject
    ResultService results;

    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of(MediaType.APPLICATION_JSON));

    @Inject
    TimestampParser times;

    @Inject
    ResultDownloadService downloads;

    /**
     * A page, or with {@code format} (or an {@code Accept} type) every matching result as a download. One
     * method for both, without {@code @Produces}: the format is the request's choice ({@code format} wins
     * over {@code Accept}), and a download is streamed as backend-results writes it.
     */
    @GET
    @Operation(summary = "Stored results, a page at a time, or all of them as a download", description = "Ordered by query_id then "
            + "result_number; narrowed by any of the filters (combined: all must hold). cursor (from next_cursor, or the Link header) "
            + "takes precedence over page, costs the same at any depth, and pages the filters it was given with. format=csv|bibtex|ris|jsonl "
            + "(or the Accept types text/csv, application/x-bibtex, application/x-research-info-systems, application/x-ndjson) answers "
            + "every matching result, streamed, as the attachment results_<query_id or all>.<csv|bib|ris|jsonl>.")
    @APIResponse(responseCode = "200", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResultsPage.class)),
        @Content(mediaType = "text/csv"), @Content(mediaType = "application/x-bibtex"),
        @Content(mediaType = "application/x-research-info-systems"), @Content(mediaType = "application/x-ndjson")})
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed; a cursor this service did not issue")
    @APIResponse(responseCode = "503", description = "backend-results is down (Retry-After)")
    public RestMulti<Buffer> page(
            @Parameter(description = "Results of one query; all results without it", example = "42") @RestQuery("query_id") String queryId,
            @Parameter(description = "≥ 0, default 0", example = "0") @RestQuery("page") String page,
            @Parameter(description = "1..100, default 10", example = "10") @RestQuery("items_per_page") String itemsPerPage,
            @Parameter(description = "next_cursor of the previous page; wins over page") @RestQuery("cursor") String cursor,
            @Parameter(description = "csv, bibtex, ris or jsonl: every matching result as a download") @RestQuery("format") String format,
            @RestHeader("Accept") String accept, @BeanParam ResultFilterParameters filters, UriInfo uri, @Context RoutingContext routing) {
        InputErrors errors = new InputErrors();
        PageRequest request = PageRequest.read(queryId, page, itemsPerPage, cursor, errors);
        ResultFilter filter = ResultFilter.read(filters, times, errors);
        ExportFormat export = ExportFormat.choose(format, accept, EnumSet.allOf(ExportFormat.class), errors);
        errors.throwIfAny();
        if (export != null) {
            Map<String, List<String>> headers = Map.of("Content-Type", List.of(export.contentType()),
                    "Content-Disposition", List.of(export.attachment("results_" + (request.queryId() == null ? "all" : request.queryId()))));
            return RestMulti.fromUniResponse(downloads.download(request.queryId(), filter, export, () -> routing.response().closed()),
                    multi -> multi, ignored -> headers, ignored -> 200);
        }
        // only the next page's link moves from /read-results to /results
        return RestMulti.fromUniResponse(results.page(request.queryId(), request.page(), request.itemsPerPage(), request.cursor(), filter),
                stored -> Multi.createFrom().item(Buffer.buffer(stored.json())),
                stored -> stored.nextPageQuery() == null ? JSON
                        : Map.of("Content-Type", List.of(MediaType.APPLICATION_JSON), "Link",
                                List.of("<" + uri.getRequestUriBuilder().replaceQuery(stored.nextPageQuery()).build() + ">; rel=\"next\"")),
                stored -> 200);
    }
}
