package org.arxivpipeline.frontend.rest;

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
import jakarta.ws.rs.core.UriInfo;

import org.arxivpipeline.common.http.NextPageLink;
import org.arxivpipeline.common.model.NewWatch;
import org.arxivpipeline.common.model.Watch;
import org.arxivpipeline.common.model.WatchPapersPage;
import org.arxivpipeline.common.time.TimestampParser;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.PageRequest;
import org.arxivpipeline.frontend.client.WatchesBackend;
import org.arxivpipeline.frontend.config.FrontendConfig;
import org.arxivpipeline.frontend.service.WatchFeed;
import org.arxivpipeline.frontend.service.WatchRequests;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** Watches: saved searches that run on their own and bring only what is new (their runs: WatchRunner). */
@Path("/watches")
public class WatchesResource {

    /** The newest papers in a watch's feed. */
    static final int FEED_SIZE = 100;

    @Inject
    WatchesBackend watches;

    @Inject
    FrontendConfig config;

    @Inject
    TimestampParser times;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Watch a search", description = "Body: name, every (ISO-8601 duration, PT1H or more, default P1D) and the "
            + "search parameters of GET /arxiv but sort_by, sort_order and start (a watch's runs are sorted by submission date, "
            + "newest first). The first run is due at once.")
    @APIResponse(responseCode = "201", description = "Created; Location names it")
    @APIResponse(responseCode = "400", description = "Invalid fields, all listed")
    @APIResponse(responseCode = "409", description = "This installation keeps no more watches (ARXIV_WATCHES_MAX)")
    public Uni<RestResponse<Watch>> create(JsonNode body) {
        NewWatch watch = WatchRequests.read(body, config.defaultMaxResults(), times);
        return watches.create(watch)
                .map(created -> RestResponse.ResponseBuilder.<Watch>created(URI.create("/watches/" + created.watchId())).entity(created).build());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every watch, oldest first")
    public Uni<List<Watch>> all() {
        return watches.all();
    }

    @GET
    @Path("/{watch_id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One watch: its search, schedule, last run and its error")
    public Uni<Watch> one(@RestPath("watch_id") String watchId) {
        return watches.one(id(watchId));
    }

    @DELETE
    @Path("/{watch_id}")
    @Operation(summary = "Stop watching", description = "Its stored queries and results stay.")
    public Uni<RestResponse<Void>> delete(@RestPath("watch_id") String watchId) {
        return watches.delete(id(watchId)).map(done -> RestResponse.noContent());
    }

    @POST
    @Path("/{watch_id}/run")
    @Operation(summary = "Run it now, as the schedule would", description = "202: due now; a run under way is not started twice.")
    public Uni<RestResponse<Void>> runNow(@RestPath("watch_id") String watchId) {
        return watches.runNow(id(watchId)).map(done -> RestResponse.accepted());
    }

    @GET
    @Path("/{watch_id}/new")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The papers this watch found for the first time, newest first", description = "Result records with "
            + "first_seen; paged like /results (page, items_per_page, cursor; the next page also in the Link header).")
    public Uni<RestResponse<WatchPapersPage>> papers(@RestPath("watch_id") String watchId, @RestQuery String page,
            @RestQuery("items_per_page") String itemsPerPage, @RestQuery String cursor, UriInfo uri) {
        InputErrors errors = new InputErrors();
        Long id = errors.optionalInteger("watch_id", watchId, 1, Long.MAX_VALUE);
        PageRequest request = PageRequest.read(null, page, itemsPerPage, cursor, errors);
        errors.throwIfAny();
        return watches.papers(id, request.page(), request.itemsPerPage(), request.cursor()).map(papers -> {
            RestResponse.ResponseBuilder<WatchPapersPage> response = RestResponse.ResponseBuilder.ok(papers);
            if (papers.nextCursor() != null) {
                // as /results: the next page by its cursor, the page size kept
                URI next = uri.getRequestUriBuilder().replaceQuery(null).queryParam("items_per_page", papers.itemsPerPage())
                        .queryParam("cursor", papers.nextCursor()).build();
                response.header(NextPageLink.HEADER, NextPageLink.to(next));
            }
            return response.build();
        });
    }

    @GET
    @Path("/{watch_id}/feed.atom")
    @Produces(WatchFeed.MEDIA_TYPE)
    @Operation(summary = "The newest 100 new papers as an Atom 1.0 feed")
    public Uni<RestResponse<String>> feed(@RestPath("watch_id") String watchId, UriInfo uri) {
        long id = id(watchId);
        // the feed's id and self link: its address without a query, the same whatever a reader appended
        String self = uri.getAbsolutePath().toString();
        String page = uri.getBaseUriBuilder().replacePath("/").replaceQuery("view=watches&watch_id=" + id).build().toString();
        return Uni.combine().all().unis(watches.one(id), watches.papers(id, 0L, FEED_SIZE, null)).asTuple()
                .map(both -> RestResponse.ResponseBuilder.ok(WatchFeed.write(both.getItem1(), both.getItem2().results(), self, page),
                        WatchFeed.MEDIA_TYPE + ";charset=UTF-8").build());
    }

    private static long id(String watchId) {
        InputErrors errors = new InputErrors();
        Long id = errors.optionalInteger("watch_id", watchId, 1, Long.MAX_VALUE);
        if (id == null && errors.isEmpty()) {
            errors.add("watch_id", "is required");
        }
        errors.throwIfAny();
        return id;
    }
}
