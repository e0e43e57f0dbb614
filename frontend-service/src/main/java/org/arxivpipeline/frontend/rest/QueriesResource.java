package org.arxivpipeline.frontend.rest;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.time.TimestampParser;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.frontend.service.HistoryService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.resteasy.reactive.RestMulti;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

@Path("/queries")
public class QueriesResource {

    @Inject
    HistoryService history;

    @Inject
    TimestampParser parser;

    /** The formats of the history besides its JSON array. */
    private static final Set<ExportFormat> FORMATS = EnumSet.of(ExportFormat.CSV, ExportFormat.JSONL);

    @GET
    @Operation(summary = "Download the query history of a time range", description = "A JSON file "
            + "(queries_<start>_<end>.json), ordered by time, streamed; format=csv|jsonl (or the Accept types text/csv, "
            + "application/x-ndjson) for CSV or JSON Lines (queries_<start>_<end>.csv|jsonl). start_timestamp is required, "
            + "end_timestamp defaults to now; forms: Unix seconds, 2024-05-06, 2024-05-06T18:58:09 (configured zone), "
            + "2024-05-06T16:58:09Z, 2024-05-06T18:58:09+02:00.")
    @APIResponse(responseCode = "200", description = "The history, as an attachment", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON), @Content(mediaType = "text/csv"), @Content(mediaType = "application/x-ndjson")})
    @APIResponse(responseCode = "400", description = "Invalid or unknown time forms, start after end, an unknown format")
    @APIResponse(responseCode = "503", description = "backend-queries is down (Retry-After)")
    public RestMulti<Buffer> download(@Context RoutingContext routing,
            @Parameter(description = "Required; any accepted form", example = "2024-05-06T16:58:09Z") @RestQuery("start_timestamp") String start,
            @Parameter(description = "Default now", example = "2024-05-07") @RestQuery("end_timestamp") String end,
            @Parameter(description = "csv or jsonl; a JSON array without it") @RestQuery("format") String format,
            @RestHeader("Accept") String accept) {
        InputErrors errors = new InputErrors();
        ExportFormat export = ExportFormat.choose(format, accept, FORMATS, errors);
        TimeRange range = TimeRange.read(start, end, parser, errors);
        String file = "queries_" + range.start() + "_" + range.end() + "." + (export == null ? "json" : export.extension());
        return stream(routing, range, export, "attachment; filename=\"" + file + "\"");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The query history of a time range, inline", description = "Body {\"start_timestamp\": …, "
            + "\"end_timestamp\": …} with the forms of GET /queries; format=csv|jsonl as there.")
    @APIResponse(responseCode = "200", description = "The history", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON), @Content(mediaType = "text/csv"), @Content(mediaType = "application/x-ndjson")})
    @APIResponse(responseCode = "400", description = "Invalid body or time forms, an unknown format")
    public RestMulti<Buffer> inline(@Context RoutingContext routing, @RestQuery("format") String format, @RestHeader("Accept") String accept,
            JsonNode body) {
        InputErrors errors = new InputErrors();
        ExportFormat export = ExportFormat.choose(format, accept, FORMATS, errors);
        if (body == null || !body.isObject()) {
            errors.add("body", "must be a JSON object");
            errors.throwIfAny();
        }
        TimeRange range = TimeRange.read(timeText(body, "start_timestamp", errors), timeText(body, "end_timestamp", errors), parser, errors);
        return stream(routing, range, export, null);
    }

    private RestMulti<Buffer> stream(RoutingContext routing, TimeRange range, ExportFormat format, String attachment) {
        Notice.log(QueriesResource.class, "history requested: %d..%d%s", range.start(), range.end(),
                format == null ? "" : " as " + format.formatName());
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Content-Type", List.of(format == null ? MediaType.APPLICATION_JSON : format.contentType()));
        if (attachment != null) {
            headers.put("Content-Disposition", List.of(attachment));
        }
        return RestMulti.fromUniResponse(history.history(range.start(), range.end(), format, () -> routing.response().closed()),
                multi -> multi, ignored -> headers, ignored -> 200);
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
