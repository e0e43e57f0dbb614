package org.arxivpipeline.watches.rest;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.arxivpipeline.common.model.NewWatch;
import org.arxivpipeline.common.model.Watch;
import org.arxivpipeline.common.model.WatchPapersPage;
import org.arxivpipeline.common.model.WatchRun;
import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.PageRequest;
import org.arxivpipeline.watches.service.WatchService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** The watches (internal: frontend-service calls these; the public endpoints are its {@code /watches}). */
@Path("/watches")
@Produces(MediaType.APPLICATION_JSON)
public class WatchesResource {

    @Inject
    WatchService watches;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a watch", description = "Due at once; 409 when ARXIV_WATCHES_MAX watches exist.")
    public Uni<RestResponse<Watch>> create(NewWatch request) {
        if (request == null) {
            throw ProblemException.invalid("body", "is required");
        }
        return watches.create(request).map(watch -> RestResponse.ResponseBuilder.<Watch>created(URI.create("/watches/" + watch.watchId()))
                .entity(watch).build());
    }

    @GET
    @Operation(summary = "Every watch, oldest first")
    public Uni<List<Watch>> all() {
        return watches.all();
    }

    @GET
    @Path("/{watch_id: \\d+}")
    @Operation(summary = "One watch")
    public Uni<Watch> one(@RestPath("watch_id") long watchId) {
        return watches.find(watchId);
    }

    @DELETE
    @Path("/{watch_id: \\d+}")
    @Operation(summary = "Delete a watch and the list of papers it found (its stored queries and results stay)")
    public Uni<RestResponse<Void>> delete(@RestPath("watch_id") long watchId) {
        return watches.delete(watchId).map(done -> RestResponse.noContent());
    }

    @POST
    @Path("/{watch_id: \\d+}/due")
    @Operation(summary = "Make it due now", description = "A run under way is not started twice.")
    public Uni<RestResponse<Void>> runNow(@RestPath("watch_id") long watchId) {
        return watches.runNow(watchId).map(done -> RestResponse.accepted());
    }

    @POST
    @Path("/{watch_id: \\d+}/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a run's outcome under its claim", description = "409 when the claim was lost.")
    public Uni<Watch> finish(@RestPath("watch_id") long watchId, WatchRun run) {
        InputErrors errors = new InputErrors();
        if (run == null || run.claim() == null || !run.claim().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            errors.add("claim", "must be the claim this service issued");
        }
        if (run != null && run.deferSeconds() != null && (run.deferSeconds() < 1 || run.deferSeconds() > 86_400)) {
            errors.add("defer_seconds", "must be between 1 and 86400");
        }
        if (run != null && run.error() == null && run.deferSeconds() == null && run.queryId() == null) {
            errors.add("query_id", "is required for a run that succeeded");
        }
        errors.throwIfAny();
        return watches.finish(watchId, run);
    }

    @GET
    @Path("/{watch_id: \\d+}/new")
    @Operation(summary = "The papers it found for the first time, newest first")
    public Uni<WatchPapersPage> papers(@RestPath("watch_id") long watchId, @RestQuery String page,
            @RestQuery("items_per_page") String itemsPerPage, @RestQuery String cursor) {
        InputErrors errors = new InputErrors();
        PageRequest request = PageRequest.read(null, page, itemsPerPage, cursor, errors);
        errors.throwIfAny();
        return watches.papers(watchId, request.page() == null ? 0 : request.page(),
                request.itemsPerPage() == null ? 10 : request.itemsPerPage(), request.cursor());
    }
}
