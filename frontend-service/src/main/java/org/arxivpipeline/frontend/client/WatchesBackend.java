package org.arxivpipeline.frontend.client;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.arxivpipeline.common.model.ClaimedWatch;
import org.arxivpipeline.common.model.NewWatch;
import org.arxivpipeline.common.model.Watch;
import org.arxivpipeline.common.model.WatchPapersPage;
import org.arxivpipeline.common.model.WatchRun;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/**
 * backend-watches behind the suite's fault-tolerance policy. Reads and the idempotent calls (delete, run
 * now, a run's outcome under its claim) are retried on a transient failure; a create is not (a retry after a
 * lost answer would make a second watch) and neither is a claim (a retry after a lost answer would leave the
 * first claim to run out its lease).
 */
@ApplicationScoped
public class WatchesBackend {

    static final String NAME = "backend-watches";

    @RestClient
    WatchesClient client;

    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<Watch> create(NewWatch watch) {
        return client.create(watch).onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<List<Watch>> all() {
        return client.all().onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<Watch> one(long watchId) {
        return client.one(watchId).onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<Void> delete(long watchId) {
        return client.delete(watchId).replaceWithVoid().onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<Void> runNow(long watchId) {
        return client.runNow(watchId).replaceWithVoid().onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<List<ClaimedWatch>> claim(int limit, Duration lease) {
        return client.claim(limit, lease.toSeconds()).onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<Watch> finish(long watchId, WatchRun run) {
        return client.finish(watchId, run).onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }

    @Retry(retryOn = TransientBackendFailure.class)
    @CircuitBreaker(failOn = TransientBackendFailure.class, skipOn = BackendBusy.class)
    public Uni<WatchPapersPage> papers(long watchId, Long page, Integer itemsPerPage, String cursor) {
        return client.papers(watchId, page, itemsPerPage, cursor).onFailure().transform(f -> BackendFailures.fromTransport(NAME, f));
    }
}
