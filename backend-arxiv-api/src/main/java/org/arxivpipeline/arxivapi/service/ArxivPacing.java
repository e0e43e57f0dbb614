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
 * datasource is configured, a slot among all replicas ({@link SharedPacing}). With
 * {@code ARXIV_MIN_INTERVAL=0} (pacing off: a stand-in, a benchmark) nothing is shared either: there is no
 * interval to share, and no guard between calls.
 */
@ApplicationScoped
class ArxivPacing {

    @Inject
    ArxivConfig config;

    @Inject
    PrimaryDatasourceConfig database;

    @Inject
    PacingRepository slots;

    @Inject
    Vertx vertx;

    @Inject
    SearchMetrics metrics;

    private PacingGate gate;
    /** Present when the replicas share their pacing through PostgreSQL. */
    private Optional<SharedPacing> shared;

    @PostConstruct
    void start() {
        shared = config.minInterval().isZero() || !database.configured() ? Optional.empty()
                : Optional.of(new SharedPacing(vertx.getDelegate(), slots, config.minInterval(), config.pacingGuard()));
        // shared slots are interval + guard apart: the local line must space its turns alike, or it would
        // admit searches whose shared slot then falls past their deadline (a 429 after a long wait)
        Duration spacing = shared.map(SharedPacing::spacing).orElse(config.minInterval());
        gate = new PacingGate(vertx.getDelegate(), spacing, config.maxQueue(), config.callTimeout().plusSeconds(5));
        metrics.pacingQueue(gate);
        shared.ifPresent(s -> Notice.log(ArxivPacing.class, "arXiv pacing shared with every replica through PostgreSQL"));
    }

    /** The right to send one call now: checked and marked right before the request is written. */
    static final class Turn {
        private final PacingGate.Permit permit;
        private final SharedPacing.Slot slot;

        private Turn(PacingGate.Permit permit, SharedPacing.Slot slot) {
            this.permit = permit;
            this.slot = slot;
        }

        /**
         * The request is about to be written: the interval to the next call counts from here.
         *
         * @throws SharedPacing.SlotMissed when it is too late for the shared slot (the connection may have
         *         taken long to open): the call must not be sent
         */
        void sending() {
            if (slot.missed()) {
                throw new SharedPacing.SlotMissed();
            }
            permit.sending();
        }

        /** The call's exchange is over (answered, failed, timed out or given up): the next call may start. */
        void ended() {
            permit.release();
        }
    }

    /**
     * Runs {@code call} in this process's next turn and, when shared, in a slot among all replicas; the turn
     * ends when the call says so ({@link Turn#ended()}), or with the call at the latest, whether it answers,
     * fails or is cancelled. A 429 ({@link NoTurn}) when no turn comes before {@code startDeadlineNanos}
     * (System.nanoTime).
     *
     * @param slotsMissed shared slots this call has already missed: past {@link SharedPacing#MAX_RESERVATIONS},
     *        the next one is taken without checking that the call starts in it
     */
    <T> Uni<T> inTurn(long startDeadlineNanos, int slotsMissed, Function<Turn, Uni<T>> call) {
        return gate.acquire(startDeadlineNanos)
                .flatMap(permit -> sharedSlot(startDeadlineNanos, slotsMissed < SharedPacing.MAX_RESERVATIONS)
                        .flatMap(slot -> call.apply(new Turn(permit, slot)))
                        .onTermination().invoke(permit::release));
    }

    private Uni<SharedPacing.Slot> sharedSlot(long startDeadline, boolean enforce) {
        return shared.map(s -> s.awaitSlot(startDeadline, enforce)).orElseGet(() -> Uni.createFrom().item(SharedPacing.Slot.ANY));
    }
}
