package org.arxivpipeline.frontend.client;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.arxivpipeline.common.model.ClaimedWatch;
import org.arxivpipeline.common.model.NewWatch;
import org.arxivpipeline.common.model.Watch;
import org.arxivpipeline.common.model.WatchPapersPage;
import org.arxivpipeline.common.model.WatchRun;
import org.arxivpipeline.frontend.client.stork.StorkInstanceSelection;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.client.impl.StorkClientRequestFilterMarker;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** backend-watches: the watches, the claiming of due runs and their outcomes, the papers each watch found. */
@RegisterRestClient(configKey = "watches")
@RegisterProvider(StorkInstanceSelection.class)
@RegisterProvider(StorkClientRequestFilterMarker.class)
@Consumes(MediaType.APPLICATION_JSON)
public interface WatchesClient {

    /** The calls about one watch, whose 404 is the client's: no such watch. */
    Set<String> ABOUT_ONE_WATCH = Set.of("one", "delete", "runNow", "finish", "papers");

    @POST
    @Path("/watches")
    Uni<Watch> create(NewWatch watch);

    @GET
    @Path("/watches")
    Uni<List<Watch>> all();

    @GET
    @Path("/watches/{watch_id}")
    Uni<Watch> one(@RestPath("watch_id") long watchId);

    @DELETE
    @Path("/watches/{watch_id}")
    Uni<Response> delete(@RestPath("watch_id") long watchId);

    @POST
    @Path("/watches/{watch_id}/due")
    Uni<Response> runNow(@RestPath("watch_id") long watchId);

    @POST
    @Path("/claims")
    Uni<List<ClaimedWatch>> claim(@QueryParam("limit") int limit, @QueryParam("lease_seconds") long leaseSeconds);

    @POST
    @Path("/watches/{watch_id}/runs")
    Uni<Watch> finish(@RestPath("watch_id") long watchId, WatchRun run);

    @GET
    @Path("/watches/{watch_id}/new")
    Uni<WatchPapersPage> papers(@RestPath("watch_id") long watchId, @QueryParam("page") Long page,
            @QueryParam("items_per_page") Integer itemsPerPage, @QueryParam("cursor") String cursor);

    @ClientExceptionMapper
    static RuntimeException toProblem(Response response, Method method) {
        return ABOUT_ONE_WATCH.contains(method.getName()) ? BackendFailures.notFoundOrFromResponse(WatchesBackend.NAME, response)
                : BackendFailures.fromResponse(WatchesBackend.NAME, response);
    }
}
