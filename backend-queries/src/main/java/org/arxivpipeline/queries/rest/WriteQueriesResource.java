package org.arxivpipeline.queries.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.arxivpipeline.common.model.QueryRecord;
import org.arxivpipeline.queries.service.QueryService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

@Path("/write-queries")
public class WriteQueriesResource {

    @Inject
    QueryService queries;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a query", description = "Idempotent: the same record again answers 200 and stores nothing; "
            + "the same query_id with other content answers 409.")
    @RequestBody(content = @Content(schema = @Schema(implementation = QueryRecord.class)))
    @APIResponse(responseCode = "201", description = "Stored")
    @APIResponse(responseCode = "200", description = "Already stored, identical")
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed")
    @APIResponse(responseCode = "409", description = "query_id stored with other content")
    @APIResponse(responseCode = "503", description = "Database unavailable")
    public Uni<Response> write(JsonNode body) {
        QueryRecord record = QueryRecordReader.read(body);
        return queries.write(record).map(outcome -> Response
                .status(outcome == QueryService.Outcome.CREATED ? Response.Status.CREATED : Response.Status.OK)
                .entity(record)
                .build());
    }
}
