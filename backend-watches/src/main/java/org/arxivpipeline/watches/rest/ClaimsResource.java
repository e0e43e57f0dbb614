package org.arxivpipeline.watches.rest;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.arxivpipeline.common.model.ClaimedWatch;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.watches.service.WatchService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

/** The claiming of due runs by the runners (the frontends): each due run is claimed by one runner only. */
@Path("/claims")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimsResource {

    /** A lease shorter than a search's deadline would hand a run under way to a second runner. */
    static final long MIN_LEASE_SECONDS = 30;
    static final long MAX_LEASE_SECONDS = 3600;
    static final int MAX_LIMIT = 100;

    @Inject
    WatchService watches;

    @POST
    @Operation(summary = "Claim up to limit due runs, each for lease_seconds",
            description = "Oldest due first; a run not finished when its lease ends is due again, for any runner.")
    public Uni<List<ClaimedWatch>> claim(@RestQuery String limit, @RestQuery("lease_seconds") String leaseSeconds) {
        InputErrors errors = new InputErrors();
        Integer most = errors.smallInteger("limit", limit, 1, MAX_LIMIT, 1);
        Long lease = errors.integer("lease_seconds", leaseSeconds, MIN_LEASE_SECONDS, MAX_LEASE_SECONDS, 120L);
        errors.throwIfAny();
        return watches.claim(most, Duration.ofSeconds(lease));
    }
}
