package org.arxivpipeline.sequence.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.arxivpipeline.common.model.SequenceValue;
import org.arxivpipeline.sequence.service.SequenceService;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Uni;

@Path("/get-sequence")
public class SequenceResource {

    @Inject
    SequenceService sequence;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A new query_id", description = "Strictly unique across all replicas and restarts.")
    public Uni<SequenceValue> next() {
        return sequence.next();
    }
}
