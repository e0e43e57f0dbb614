package org.arxivpipeline.arxivapi.repository;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one-row table {@code arxiv_pacing}: the next free arXiv call slot of all replicas together
 * (db/, role {@code arxiv_pacing}).
 */
@ApplicationScoped
public class PacingRepository {

    /** Resolved at the first reservation: without a datasource URL the pool bean is inactive, and never asked for. */
    private final Supplier<Pool> pool;

    @Inject
    PacingRepository(Instance<Pool> pools) {
        this.pool = pools::get;
    }

    public PacingRepository(Pool pool) {
        this.pool = () -> pool;
    }

    /**
     * Takes the next free slot, {@code spacingSeconds} after the last one taken, unless it is more than
     * {@code maxWaitSeconds} away (then nothing is taken). The row lock makes concurrent reservations,
     * from any replica, take distinct slots.
     *
     * @return the seconds from now (PostgreSQL's clock, when it ran the statement) to the slot taken;
     *         empty when the next free slot is beyond {@code maxWaitSeconds}
     */
    public Uni<Optional<Double>> reserve(double spacingSeconds, double maxWaitSeconds) {
        return Uni.createFrom().deferred(() -> pool.get().preparedQuery("""
                        UPDATE arxiv_pacing
                           SET next_slot = greatest(next_slot, clock_timestamp()) + make_interval(secs => $1)
                         WHERE id = 1 AND greatest(next_slot, clock_timestamp()) <= clock_timestamp() + make_interval(secs => $2)
                        RETURNING extract(epoch FROM next_slot - make_interval(secs => $1) - clock_timestamp())::float8 AS wait""")
                .execute(Tuple.of(spacingSeconds, maxWaitSeconds)))
                .map(PacingRepository::waitSeconds);
    }

    private static Optional<Double> waitSeconds(RowSet<Row> rows) {
        return rows.rowCount() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getDouble("wait"));
    }
}
