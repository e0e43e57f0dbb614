package org.arxivpipeline.frontend.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.common.validation.ArxivIds;
import org.arxivpipeline.frontend.client.ResultsBackend;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

/**
 * {@code GET /papers/{arxiv_id}}: one paper across everything stored, as backend-results wrote it. Old-style
 * ids hold a slash ({@code hep-th/9901001}), so the id is the rest of the path.
 */
@Path("/papers")
public class PapersResource {

    @Inject
    ResultsBackend results;

    @GET
    @Path("/{arxiv_id: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One paper across everything stored", description = "The newest stored version's record, every "
            + "version stored, every query that found it (ascending), first and last seen (Unix seconds). A versioned or "
            + "versionless id names the same paper.")
    @APIResponse(responseCode = "200", description = "{arxiv_id, latest, versions, query_ids, first_seen, last_seen}")
    @APIResponse(responseCode = "400", description = "Not an arXiv id")
    @APIResponse(responseCode = "404", description = "Never stored")
    @APIResponse(responseCode = "503", description = "backend-results is down (Retry-After)")
    public Uni<Response> paper(@Parameter(description = "2405.01234, 2405.01234v2, hep-th/9901001", example = "2405.01234")
            @RestPath("arxiv_id") String arxivId) {
        if (!ArxivIds.isValid(arxivId)) {
            throw ProblemException.invalid("arxiv_id", ArxivIds.NOT_AN_ID);
        }
        return results.paper(arxivId).map(json -> Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build());
    }
}
