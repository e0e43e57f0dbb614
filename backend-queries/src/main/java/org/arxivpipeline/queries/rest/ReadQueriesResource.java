package org.arxivpipeline.queries.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.arxivpipeline.common.model.QueryRecord;
import org.arxivpipeline.common.time.UnixTime;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.queries.config.QueriesConfig;
import org.arxivpipeline.queries.service.QueryStore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

@Path("/read-queries")
public class ReadQueriesResource {

    @Inject
    QueryStore store;

    @Inject
    QueriesConfig config;

    private final ObjectWriter writer;

    @Inject
    ReadQueriesResource(ObjectMapper mapper) {
        this.writer = mapper.writerFor(QueryRecord.class);
    }

    /**
     * The history as one JSON array, streamed from a database cursor: records are sent in chunks as
     * they are read and the next chunk is read only once the client has taken the last, so the memory
     * used does not grow with the size of the range. (Quarkus writes the array's brackets and the
     * commas between chunks.)
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queries in a time range", description = "Unix seconds, both ends included; "
            + "end_timestamp defaults to now. A JSON array ordered by timestamp then query_id, streamed.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = QueryRecord.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed")
    @APIResponse(responseCode = "503", description = "Database unavailable")
    public Multi<Buffer> read(@RestQuery("start_timestamp") String start, @RestQuery("end_timestamp") String end) {
        InputErrors errors = new InputErrors();
        Long from = errors.integer("start_timestamp", start, 0, UnixTime.MAX, null);
        Long to = errors.integer("end_timestamp", end, 0, UnixTime.MAX, UnixTime.now());
        if (from != null && to != null && from > to) {
            errors.add("end_timestamp", "must not be before start_timestamp");
        }
        errors.throwIfAny();
        return store.history(from, to)
                .group().intoLists().of(config.chunkSize())
                .map(this::chunk);
    }

    private Buffer chunk(java.util.List<QueryRecord> records) {
        Buffer buffer = Buffer.buffer(records.size() * 128);
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                buffer.appendByte((byte) ',');
            }
            try {
                buffer.appendBytes(writer.writeValueAsBytes(records.get(i)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A query record could not be written as JSON", e);
            }
        }
        return buffer;
    }
}
