package org.arxivpipeline.frontend.rest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.time.TimestampParser;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.frontend.client.QueriesBackend;
import org.arxivpipeline.frontend.service.HistoryService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.resteasy.reactive.RestMulti;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

@Path("/queries")
public class QueriesResource {

    @Inject
    HistoryService history;

    @Inject
    TimestampParser parser;

    @Inject
    QueriesBackend queries;

    /** One stored query, as the history answers it: what was searched, for a shared link to its results. */
    @GET
    @Path("{query_id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One stored query", description = "Its record as GET /queries answers it (time added, query with its "
            + "\"ArXiv Query: \" prefix).")
    @APIResponse(responseCode = "200", description = "The query record")
    @APIResponse(responseCode = "400", description = "Not a query_id")
    @APIResponse(responseCode = "404", description = "No such query stored")
    @APIResponse(responseCode = "503", description = "backend-queries is down (Retry-After)")
    public Uni<Response> one(@Parameter(description = "A query_id", example = "42") @RestPath("query_id") String queryId) {
        InputErrors errors = new InputErrors();
        Long id = errors.integer("query_id", queryId, 1, Long.MAX_VALUE, null);
        errors.throwIfAny();
        return queries.one(id).map(json -> Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Download the query history of a time range", description = "A JSON file "
            + "(queries_<start>_<end>.json), ordered by time, streamed. start_timestamp is required, end_timestamp "
            + "defaults to now; forms: Unix seconds, 2024-05-06, 2024-05-06T18:58:09 (configured zone), "
            + "2024-05-06T16:58:09Z, 2024-05-06T18:58:09+02:00.")
    @APIResponse(responseCode = "200", description = "The history, as an attachment")
    @APIResponse(responseCode = "400", description = "Invalid or unknown time forms, start after end")
    @APIResponse(responseCode = "503", description = "backend-queries is down (Retry-After)")
    public RestMulti<Buffer> download(@Context RoutingContext routing,
            @Parameter(description = "Required; any accepted form", example = "2024-05-06T16:58:09Z") @RestQuery("start_timestamp") String start,
            @Parameter(description = "Default now", example = "2024-05-07") @RestQuery("end_timestamp") String end) {
        TimeRange range = TimeRange.read(start, end, parser);
        String file = "queries_" + range.start() + "_" + range.end() + ".json";
        return stream(routing, range, Map.of("Content-Disposition", List.of("attachment; filename=\"" + file + "\"")));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The query history of a time range, inline", description = "Body {\"start_timestamp\": …, "
            + "\"end_timestamp\": …} with the forms of GET /queries.")
    @APIResponse(responseCode = "200", description = "The history")
    @APIResponse(responseCode = "400", description = "Invalid body or time forms")
    public RestMulti<Buffer> inline(@Context RoutingContext routing, JsonNode body) {
        return stream(routing, rangeOf(body, new InputErrors()), Map.of());
    }

    /**
     * The history as CSV or JSON Lines ({@code format}, or the {@code Accept} types), as an attachment.
     * {@link DownloadRouting} sends a {@code GET /queries} that asks for a format here before matching, so that
     * the JSON history keeps its own method.
     */
    @GET
    @Path("download")
    @Operation(summary = "The query history of a time range as CSV or JSON Lines", description = "What GET /queries?format=csv|jsonl "
            + "(or Accept text/csv, application/x-ndjson) answers: the records of the JSON history, as the attachment "
            + "queries_<start>_<end>.<csv|jsonl>.")
    @APIResponse(responseCode = "200", content = {@Content(mediaType = "text/csv"), @Content(mediaType = "application/x-ndjson")})
    @APIResponse(responseCode = "400", description = "Invalid or unknown time forms, start after end; no format, or one the history does not offer")
    @APIResponse(responseCode = "503", description = "backend-queries is down (Retry-After)")
    public RestMulti<Buffer> downloadIn(@Context RoutingContext routing, @RestQuery("start_timestamp") String start,
            @RestQuery("end_timestamp") String end, @RestQuery("format") String format, @RestHeader("Accept") String accept) {
        InputErrors errors = new InputErrors();
        ExportFormat export = ExportFormat.required(format, accept, ExportFormat.OF_HISTORY, errors);
        TimeRange range = TimeRange.read(start, end, parser, errors);
        return streamIn(routing, range, export, Map.of("Content-Disposition", List.of(export.attachment("queries_" + range.start() + "_" + range.end()))));
    }

    /** The history of the body's range as CSV or JSON Lines, inline (routed here as {@link #downloadIn} is). */
    @POST
    @Path("download")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The query history of a time range as CSV or JSON Lines, inline", description = "What POST /queries?format=csv|jsonl "
            + "(or the Accept types) answers.")
    @APIResponse(responseCode = "200", content = {@Content(mediaType = "text/csv"), @Content(mediaType = "application/x-ndjson")})
    @APIResponse(responseCode = "400", description = "Invalid body or time forms; no format, or one the history does not offer")
    public RestMulti<Buffer> inlineIn(@Context RoutingContext routing, @RestQuery("format") String format, @RestHeader("Accept") String accept,
            JsonNode body) {
        InputErrors errors = new InputErrors();
        ExportFormat export = ExportFormat.required(format, accept, ExportFormat.OF_HISTORY, errors);
        TimeRange range = rangeOf(body, errors);
        return streamIn(routing, range, export, Map.of());
    }

    private RestMulti<Buffer> streamIn(RoutingContext routing, TimeRange range, ExportFormat format, Map<String, List<String>> headers) {
        Notice.log(QueriesResource.class, "history requested as %s: %d..%d", format.formatName(), range.start(), range.end());
        Map<String, List<String>> all = new HashMap<>(headers);
        all.put("Content-Type", List.of(format.contentType()));
        return RestMulti.fromUniResponse(history.download(range.start(), range.end(), format, () -> routing.response().closed()),
                multi -> multi, ignored -> all, ignored -> 200);
    }

    private RestMulti<Buffer> stream(RoutingContext routing, TimeRange range, Map<String, List<String>> headers) {
        Notice.log(QueriesResource.class, "history requested: %d..%d", range.start(), range.end());
        return RestMulti.fromUniResponse(history.history(range.start(), range.end(), () -> routing.response().closed()), multi -> multi,
                ignored -> headers, ignored -> 200);
    }

    /** The range of a body {"start_timestamp": …, "end_timestamp": …}, or a 400 listing its invalid fields with those in {@code errors}. */
    private TimeRange rangeOf(JsonNode body, InputErrors errors) {
        if (body == null || !body.isObject()) {
            errors.add("body", "must be a JSON object");
            errors.throwIfAny();
        }
        return TimeRange.read(timeText(body, "start_timestamp", errors), timeText(body, "end_timestamp", errors), parser, errors);
    }

    /** A time field given as a string or as a number of Unix seconds. */
    private static String timeText(JsonNode body, String field, InputErrors errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        errors.add(field, "must be a string or Unix seconds");
        errors.throwIfAny();
        return null;
    }
}
