package org.arxivpipeline.queries.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.arxivpipeline.common.export.CutVisibly;
import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.common.http.ClientWatch;
import org.arxivpipeline.common.model.QueryRecord;
import org.arxivpipeline.common.model.QueryRecordCsv;
import org.arxivpipeline.common.model.QueryRecordJson;
import org.arxivpipeline.common.time.UnixTime;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.queries.config.QueriesConfig;
import org.arxivpipeline.queries.service.QueryService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

@Path("/read-queries")
public class ReadQueriesResource {

    @Inject
    QueryService queries;

    @Inject
    QueriesConfig config;

    /**
     * The history as one JSON array, streamed from a database cursor: records are sent in chunks as
     * they are read and the next chunk is read only once the client has taken the last, so the memory
     * used does not grow with the size of the range. (Quarkus writes the array's brackets and the
     * commas between chunks.)
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queries in a time range", description = "Unix seconds, both ends included; "
            + "end_timestamp defaults to now. A JSON array ordered by timestamp then query_id, streamed (format=csv|jsonl: "
            + "/read-queries/download). "
            + "form=public writes the records as the frontend's /queries answers them (time added, query with its "
            + "\"ArXiv Query: \" prefix), so the frontend passes them through unchanged; the default is the stored form.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = QueryRecord.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed")
    @APIResponse(responseCode = "503", description = "Database unavailable")
    public RestMulti<Buffer> read(@Context RoutingContext routing, @RestQuery("start_timestamp") String start,
            @RestQuery("end_timestamp") String end, @RestQuery("form") String form) {
        InputErrors errors = new InputErrors();
        Asked asked = Asked.read(start, end, form, errors);
        errors.throwIfAny();
        Multi<Buffer> runs = chunks(asked).map(records -> Buffer.buffer(QueryRecordJson.run(records, asked.form())));
        return RestMulti.fromMultiData(ClientWatch.cancelWhenGone(runs, routing)).header(QueryRecordJson.FORM_HEADER, asked.form().label()).build();
    }

    /**
     * The history as CSV or JSON Lines, streamed as the JSON array is. {@link DownloadRouting} sends a
     * {@code /read-queries} that asks for a format here before matching, so that the JSON history keeps its
     * own method. Nothing is sent before the first rows are read; a stream that fails later ends with the
     * format's cut mark, never as a whole file.
     */
    @GET
    @Path("download")
    @Operation(summary = "Queries in a time range as CSV or JSON Lines", description = "What GET /read-queries?format=csv|jsonl "
            + "(or the Accept types) answers: the records of the JSON array, in the form asked for.")
    @APIResponse(responseCode = "200", content = {@Content(mediaType = "text/csv"), @Content(mediaType = "application/x-ndjson")})
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed; no format, or one the history does not offer")
    @APIResponse(responseCode = "503", description = "Database unavailable")
    public RestMulti<Buffer> download(@Context RoutingContext routing, @RestQuery("start_timestamp") String start,
            @RestQuery("end_timestamp") String end, @RestQuery("form") String form, @RestQuery("format") String format,
            @RestHeader("Accept") String accept) {
        InputErrors errors = new InputErrors();
        Asked asked = Asked.read(start, end, form, errors);
        ExportFormat export = ExportFormat.required(format, accept, ExportFormat.OF_HISTORY, errors);
        errors.throwIfAny();
        Multi<List<QueryRecord>> chunks = chunks(asked);
        Multi<Buffer> body = CutVisibly.when(export == ExportFormat.CSV ? csv(chunks, asked.form())
                : chunks.map(records -> Buffer.buffer(QueryRecordJson.lines(records, asked.form()))),
                export, "history " + asked.from() + ".." + asked.to() + " as " + export.formatName(), ReadQueriesResource.class);
        return RestMulti.fromMultiData(ClientWatch.cancelWhenGone(body, routing))
                .header("Content-Type", export.contentType())
                .header(QueryRecordJson.FORM_HEADER, asked.form().label())
                .build();
    }

    /** One stored query's record, in the form asked for (the frontend asks for the public one). */
    @GET
    @Path("{query_id: \\d+}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One stored query", description = "Its record, stored or public form (form=public as GET /queries/{query_id} answers it).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryRecord.class)))
    @APIResponse(responseCode = "400", description = "Invalid form; a query_id beyond the range of ids")
    @APIResponse(responseCode = "404", description = "No such query stored")
    @APIResponse(responseCode = "503", description = "Database unavailable")
    public Uni<Response> one(@RestPath("query_id") String queryId, @RestQuery("form") String form) {
        InputErrors errors = new InputErrors();
        Long id = errors.integer("query_id", queryId, 1, Long.MAX_VALUE, null);
        QueryRecordJson.Form recordForm = form(form, errors);
        errors.throwIfAny();
        return queries.one(id).map(record -> Response.ok(QueryRecordJson.run(List.of(record), recordForm))
                .header(QueryRecordJson.FORM_HEADER, recordForm.label()).build());
    }

    private Multi<List<QueryRecord>> chunks(Asked asked) {
        return queries.history(asked.from(), asked.to()).group().intoLists().of(config.chunkSize());
    }

    /** The header row with the first records (nothing is sent before them), or alone when there are none. */
    private static Multi<Buffer> csv(Multi<List<QueryRecord>> chunks, QueryRecordJson.Form form) {
        return Multi.createFrom().deferred(() -> {
            boolean[] first = {true};
            return chunks
                    .map(records -> {
                        Buffer chunk = Buffer.buffer();
                        if (first[0]) {
                            chunk.appendBytes(QueryRecordCsv.header(form));
                            first[0] = false;
                        }
                        return chunk.appendBytes(QueryRecordCsv.rows(records, form));
                    })
                    .onCompletion().ifEmpty().continueWith(Buffer.buffer(QueryRecordCsv.header(form)));
        });
    }

    /** A range of Unix seconds, both ends included, and the form of its records. */
    private record Asked(long from, long to, QueryRecordJson.Form form) {

        static Asked read(String start, String end, String form, InputErrors errors) {
            Long from = errors.integer("start_timestamp", start, 0, UnixTime.MAX, null);
            Long to = errors.integer("end_timestamp", end, 0, UnixTime.MAX, UnixTime.now());
            if (from != null && to != null && from > to) {
                errors.add("end_timestamp", "must not be before start_timestamp");
            }
            QueryRecordJson.Form recordForm = ReadQueriesResource.form(form, errors);
            return errors.isEmpty() ? new Asked(from, to, recordForm) : null;
        }
    }

    private static QueryRecordJson.Form form(String form, InputErrors errors) {
        if (form == null) {
            return QueryRecordJson.Form.STORED;
        }
        for (QueryRecordJson.Form known : QueryRecordJson.Form.values()) {
            if (known.label().equals(form)) {
                return known;
            }
        }
        errors.add("form", "must be stored or public");
        return null;
    }
}
