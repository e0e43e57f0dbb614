package org.arxivpipeline.frontend.rest;

import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.arxivpipeline.common.validation.ArxivTaxonomy;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.Cache;

/**
 * {@code GET /categories}: every category id the searches accept (arXiv's taxonomy, as {@code category} is
 * checked against it), for the web UI's suggestions; the list lives once, in {@link ArxivTaxonomy}.
 */
@Path("/categories")
public class CategoriesResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Cache(maxAge = 86_400)
    @Operation(summary = "arXiv's category ids", description = "Every id category= accepts, sorted (current, defunct and alias ids).")
    @APIResponse(responseCode = "200", description = "A JSON array of ids")
    public Set<String> categories() {
        return ArxivTaxonomy.ids();
    }
}
