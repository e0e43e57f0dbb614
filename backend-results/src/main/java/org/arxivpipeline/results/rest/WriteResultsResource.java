package org.arxivpipeline.results.rest;

import java.io.IOException;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.arxivpipeline.common.model.WriteResultsRequest;
import org.arxivpipeline.results.service.ResultService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;

@Path("/write-results")
public class WriteResultsResource {

    @Inject
    ResultService results;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store the results of a query", description = "Result i of the array is stored as result_number i, "
            + "all in one statement. Idempotent per (query_id, result_number): a retried write stores nothing twice.")
    @RequestBody(content = @Content(schema = @Schema(implementation = WriteResultsRequest.class)))
    @APIResponse(responseCode = "201", description = "Stored (or already stored, identical)")
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed; more than 2000 results")
    @APIResponse(responseCode = "409", description = "A result stored with other content")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "503", description = "Database unavailable")
    public Uni<Response> write(byte[] body) throws IOException {
        WriteResultsRequest request = WriteResultsRequestReader.read(body);
        return results.write(request.queryId(), request.timestamp(), request.results())
                .map(inserted -> Response.status(Response.Status.CREATED)
                        .entity(Map.of("query_id", request.queryId(), "num_results", request.results().size(),
                                "num_inserted", inserted))
                        .build());
    }
}
