package org.arxivpipeline.arxivapi.service;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.arxivapi.config.ArxivConfig;
import org.arxivpipeline.arxivapi.repository.PacingRepository;
import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.schema.PrimaryDatasourceConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * A turn to call arXiv: first this process's {@link PacingGate} (one call at a time here), then, when a
 * datasource is configured, the lease of all replicas ({@link SharedPacing}: one call at a time for the
 * whole deployment). With {@code ARXIV_MIN_INTERVAL=0} (pacing off: a stand-in, a benchmark) nothing is
 * shared either: there is no interval to share, and no guard between calls.
 */
@ApplicationScoped
class ArxivPacing {

    @Inject
    ArxivConfig config;

    @Inject
    PrimaryDatasourceConfig database;

    @Inject
    PacingRepository table;

    @Inject
    Vertx vertx;

    @Inject
    SearchMetrics metrics;

    private PacingGate gate;
    /** Present when the replicas share their pacing through PostgreSQL. */
    private Optional<SharedPacing> shared;

    ArxivPacing() {
    }

    /** Outside CDI (tests that make several replicas): {@code table} present when the pacing is shared. */
    ArxivPacing(io.vertx.core.Vertx core, ArxivConfig arxiv, Optional<PacingRepository> sharedThrough) {
        compose(core, arxiv, sharedThrough);
    }

    @PostConstruct
    void start() {
        compose(vertx.getDelegate(), config, config.minInterval().isZero() || !database.configured() ? Optional.empty() : Optional.of(table));
        metrics.pacingQueue(gate);
        shared.ifPresent(s -> Notice.log(ArxivPacing.class, "arXiv pacing shared with every replica through PostgreSQL"));
    }

    private void compose(io.vertx.core.Vertx core, ArxivConfig arxiv, Optional<PacingRepository> sharedThrough) {
        shared = sharedThrough.map(through -> new SharedPacing(core, through, arxiv.minInterval(), arxiv.pacingGuard(), arxiv.callTimeout(),
                arxiv.pacingPoll()));
        // shared starts are interval + guard apart: the local line must space its turns alike, and count what a
        // shared turn costs beyond that (a statement's round trip, a timer: a quarter of the guard), or it
        // would admit searches whose shared turn then falls past their deadline (a 429 after a long wait)
        Duration spacing = shared.map(SharedPacing::spacing).orElse(arxiv.minInterval());
        Duration turnCost = shared.isPresent() ? arxiv.pacingGuard().dividedBy(4) : Duration.ZERO;
        gate = new PacingGate(core, spacing, turnCost, arxiv.maxQueue(), arxiv.callTimeout().plusSeconds(5));
    }

    /** The right to have one call open at arXiv: marked when the request is written, given back when it is over. */
    static final class Turn {
        private final PacingGate.Permit permit;
        private final SharedPacing.Lease lease;

        private Turn(PacingGate.Permit permit, SharedPacing.Lease lease) {
            this.permit = permit;
            this.lease = lease;
        }

        /** The request is about to be written: the interval to the next call counts from here. */
        void sending() {
            permit.sending();
            lease.sending();
        }

        /** The call's exchange is over (answered, failed, timed out or given up): the next call may start. */
        void ended() {
            lease.release();
            permit.release();
        }
    }

    /**
     * Runs {@code call} in this process's next turn and, when shared, holding the lease of all replicas; the
     * turn ends when the call says so ({@link Turn#ended()}), or with the call at the latest, whether it
     * answers, fails or is cancelled. A 429 ({@link NoTurn}) when no turn comes before {@code latestStartNanos}.
     *
     * @param arrivedNanos when the search arrived: among the replicas, earlier searches go first
     * @param background a search that yields (a watch's run): it gets a turn, here and among the replicas, only
     *        when no interactive search is waiting for one
     */
    <T> Uni<T> inTurn(long latestStartNanos, long arrivedNanos, boolean background, Function<Turn, Uni<T>> call) {
        return gate.acquire(latestStartNanos, background)
                .flatMap(permit -> lease(latestStartNanos, arrivedNanos, background)
                        .flatMap(lease -> {
                            Turn turn = new Turn(permit, lease);
                            return call.apply(turn).onTermination().invoke(turn::ended);
                        })
                        .onTermination().invoke(permit::release));
    }

    /** Interactive searches of this process waiting for their turn. */
    int waiting() {
        return gate.waiting();
    }

    private Uni<SharedPacing.Lease> lease(long latestStartNanos, long arrivedNanos, boolean background) {
        return shared.map(s -> s.acquire(latestStartNanos, arrivedNanos, background))
                .orElseGet(() -> Uni.createFrom().item(SharedPacing.Lease.NONE));
    }
}
