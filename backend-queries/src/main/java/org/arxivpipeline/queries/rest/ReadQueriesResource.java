package org.arxivpipeline.queries.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.arxivpipeline.common.http.ClientWatch;
import org.arxivpipeline.common.model.QueryRecord;
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
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestQuery;


import io.smallrye.mutiny.Multi;
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
            + "end_timestamp defaults to now. A JSON array ordered by timestamp then query_id, streamed. "
            + "form=public writes the records as the frontend's /queries answers them (time added, query with its "
            + "\"ArXiv Query: \" prefix), so the frontend passes them through unchanged; the default is the stored form.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = QueryRecord.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed")
    @APIResponse(responseCode = "503", description = "Database unavailable")
    public RestMulti<Buffer> read(@Context RoutingContext routing, @RestQuery("start_timestamp") String start,
            @RestQuery("end_timestamp") String end, @RestQuery("form") String form) {
        InputErrors errors = new InputErrors();
        Long from = errors.integer("start_timestamp", start, 0, UnixTime.MAX, null);
        Long to = errors.integer("end_timestamp", end, 0, UnixTime.MAX, UnixTime.now());
        if (from != null && to != null && from > to) {
            errors.add("end_timestamp", "must not be before start_timestamp");
        }
        QueryRecordJson.Form recordForm = form(form, errors);
        errors.throwIfAny();
        Multi<Buffer> runs = queries.history(from, to)
                .group().intoLists().of(config.chunkSize())
                .map(records -> Buffer.buffer(QueryRecordJson.run(records, recordForm)));
        return RestMulti.fromMultiData(ClientWatch.cancelWhenGone(runs, routing)).header(QueryRecordJson.FORM_HEADER, recordForm.label()).build();
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
