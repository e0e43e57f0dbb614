package org.arxivpipeline.frontend.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.frontend.config.FrontendConfig;
import org.arxivpipeline.frontend.service.SearchOrchestrator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

@Path("/arxiv")
public class SearchResource {

    static final int MAX_FIELD_LENGTH = 300;
    static final int MAX_RESULTS = 2000;

    @Inject
    SearchOrchestrator orchestrator;

    @Inject
    FrontendConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search arXiv and store the search", description = "At least one of author, title, journal; each "
            + "value is searched in its arXiv field, all its words must match, a value in double quotes is a phrase. "
            + "The answer comes once the query and all its results are stored.")
    @APIResponse(responseCode = "200", description = "Stored; query_id identifies its results")
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed")
    @APIResponse(responseCode = "429", description = "The arXiv waiting line is full (Retry-After)")
    @APIResponse(responseCode = "502", description = "arXiv or a backend answered an error")
    @APIResponse(responseCode = "503", description = "A backend is down (Retry-After)")
    @APIResponse(responseCode = "504", description = "arXiv or a backend timed out")
    public Uni<SearchAnswer> search(@RestQuery("author") String author, @RestQuery("title") String title,
            @RestQuery("journal") String journal, @RestQuery("max_results") String maxResults) {
        InputErrors errors = new InputErrors();
        boolean any = false;
        String[][] fields = {{"author", author}, {"title", title}, {"journal", journal}};
        for (String[] field : fields) {
            if (field[1] != null && !field[1].isBlank()) {
                any = true;
                if (field[1].length() > MAX_FIELD_LENGTH) {
                    errors.add(field[0], "must be at most " + MAX_FIELD_LENGTH + " characters");
                }
            }
        }
        if (!any) {
            for (String[] field : fields) {
                errors.add(field[0], "at least one of title, author, journal is required");
            }
        }
        Integer max = errors.smallInteger("max_results", maxResults, 1, MAX_RESULTS, config.defaultMaxResults());
        errors.throwIfAny();
        Notice.log(SearchResource.class, "search: author=%s title=%s journal=%s max_results=%d", author, title, journal, max);
        return orchestrator.search(blankToNull(author), blankToNull(title), blankToNull(journal), max).map(SearchAnswer::of);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
