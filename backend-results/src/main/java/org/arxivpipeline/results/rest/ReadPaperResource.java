package org.arxivpipeline.results.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.arxivpipeline.common.model.Paper;
import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.common.validation.ArxivIds;
import org.arxivpipeline.results.service.PaperService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

/**
 * {@code GET /read-paper?arxiv_id=}: one paper across everything stored. The id is a query parameter, not a
 * path segment, because old-style ids hold a slash ({@code hep-th/9901001}).
 */
@Path("/read-paper")
public class ReadPaperResource {

    @Inject
    PaperService papers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One paper across everything stored", description = "The newest version's record, every version, "
            + "every query that found it, first and last seen. A versioned id names the same paper.")
    @APIResponse(responseCode = "200", description = "The paper")
    @APIResponse(responseCode = "400", description = "Not an arXiv id")
    @APIResponse(responseCode = "404", description = "No result of this paper is stored")
    public Uni<Paper> paper(@RestQuery("arxiv_id") String arxivId) {
        String id = arxivId == null ? "" : arxivId.strip();
        if (!ArxivIds.isValid(id)) {
            throw ProblemException.invalid("arxiv_id", ArxivIds.NOT_AN_ID);
        }
        return papers.paper(ArxivIds.paper(id));
    }
}
