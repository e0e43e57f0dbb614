package org.arxivpipeline.results.rest;

import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.common.http.ClientWatch;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
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

    @Inject
    ObjectMapper json;

    /**
     * A page as JSON, or with {@code format} (or an {@code Accept} type) every matching result as a
     * download. One method for both, without {@code @Produces}: the format is the request's choice
     * ({@code format} wins over {@code Accept}), and a download is streamed as it is written.
     */
    @GET
    @Operation(summary = "Stored results, a page at a time, or all of them as a download", description = "Ordered by query_id then "
            + "result_number. cursor (from next_cursor) takes precedence over page and costs the same at any depth; it pages the "
            + "filters it was given with. format=csv|bibtex|ris|jsonl (or the Accept types) answers every matching result, streamed.")
    @APIResponse(responseCode = "200", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResultsPage.class)),
        @Content(mediaType = "text/csv"), @Content(mediaType = "application/x-bibtex"),
        @Content(mediaType = "application/x-research-info-systems"), @Content(mediaType = "application/x-ndjson")})
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed; a forged or damaged cursor")
    @APIResponse(responseCode = "503", description = "Database unavailable")
    public RestMulti<Buffer> read(@RestQuery("query_id") String queryId, @RestQuery("page") String page,
            @RestQuery("items_per_page") String itemsPerPage, @RestQuery("cursor") String cursor, @RestQuery("format") String format,
            @RestHeader("Accept") String accept, @BeanParam ResultFilterParameters filters, UriInfo uri, @Context RoutingContext routing) {
        InputErrors errors = new InputErrors();
        PageRequest request = PageRequest.read(queryId, page, itemsPerPage, cursor, errors);
        ResultFilter filter = ResultFilter.read(filters, TIMES, errors);
        ExportFormat export = ExportFormat.choose(format, accept, EnumSet.allOf(ExportFormat.class), errors);
        ResultsCursor position = request.cursor() == null || export != null ? null
                : results.cursor(request.cursor(), request.queryId(), filter, errors);
        errors.throwIfAny();
        if (export != null) {
            String file = "results_" + (request.queryId() == null ? "all" : request.queryId());
            return RestMulti.fromMultiData(ClientWatch.cancelWhenGone(exports.export(request.queryId(), filter, export), routing))
                    .header("Content-Type", export.contentType())
                    .header("Content-Disposition", export.attachment(file))
                    .build();
        }
        int size = request.itemsPerPage() == null ? config.defaultItemsPerPage() : request.itemsPerPage();
        return RestMulti.fromUniResponse(results.page(request.queryId(), filter, request.page() == null ? 0 : request.page(), size, position),
                served -> Multi.createFrom().item(Buffer.buffer(json(served.page()))),
                served -> pageHeaders(served, filter, size, uri),
                served -> 200);
    }

    private static Map<String, List<String>> pageHeaders(ResultService.ServedPage served, ResultFilter filter, int size, UriInfo uri) {
        if (served.page().nextCursor() == null) {
            return Map.of("Content-Type", List.of(MediaType.APPLICATION_JSON));
        }
        var next = uri.getRequestUriBuilder()
                .replaceQuery(null)
                .queryParam("items_per_page", size)
                .queryParam("cursor", served.page().nextCursor());
        if (served.queryId() != null) {
            next.queryParam("query_id", served.queryId());
        }
        filter.queryParameters().forEach((name, value) -> next.queryParam(name, value));
        return Map.of("Content-Type", List.of(MediaType.APPLICATION_JSON), "Link", List.of("<" + next.build() + ">; rel=\"next\""));
    }

    private byte[] json(ResultsPage page) {
        try {
            return json.writeValueAsBytes(page);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A page of results could not be written as JSON", e);
        }
    }
}
