package org.arxivpipeline.arxivapi.repository;

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
 * The one-row table {@code arxiv_pacing} (migrations {@code db/migration/pacing}, role {@code arxiv_pacing}):
 * the lease of the arXiv call under way among all replicas ({@code holder}, {@code lease_until}), the
 * earliest start of the next call ({@code next_slot}), and the search first in line ({@code waiter},
 * {@code waiter_since}, {@code waiter_until}). Every statement is one {@code UPDATE} of that row: the row
 * lock orders concurrent replicas, and each sees the row as the one before it left it.
 */
@ApplicationScoped
public class PacingRepository {

    /** Resolved at the first statement: without a datasource URL the pool bean is inactive, and never asked for. */
    private final Supplier<Pool> pool;

    @Inject
    PacingRepository(Instance<Pool> pools) {
        this.pool = pools::get;
    }

    public PacingRepository(Pool pool) {
        this.pool = () -> pool;
    }

    /**
     * What one try for the turn found, in seconds of PostgreSQL's clock.
     *
     * @param taken the lease is this caller's now
     * @param leaseLeftSeconds until another holder's lease runs out; 0 when none is held
     * @param slotLeftSeconds until the next call may start; 0 when it may start now
     */
    public record Try(boolean taken, double leaseLeftSeconds, double slotLeftSeconds) {
    }

    /**
     * Takes the lease for {@code leaseSeconds} when no other is held (or the held one has run out), the next
     * call may start ({@code next_slot} has passed) and no search that arrived earlier is in line; the next
     * call may then start {@code spacingSeconds} later. Otherwise puts the caller first in line when it
     * arrived before the search there (or that search's claim has lapsed), for {@code claimSeconds} after
     * the next slot: a replica that dies while waiting holds up the line no longer than that.
     *
     * @param token this try's own name, the same for every try of one wait
     * @param waitedSeconds how long the search has waited: its arrival in PostgreSQL's clock, which orders the line
     */
    public Uni<Try> take(String token, double waitedSeconds, double leaseSeconds, double spacingSeconds, double claimSeconds) {
        return Uni.createFrom().deferred(() -> pool.get().preparedQuery("""
                        UPDATE arxiv_pacing p
                           SET (holder, lease_until, next_slot, waiter, waiter_since, waiter_until) = (
                               SELECT CASE WHEN c.take THEN $1 ELSE p.holder END,
                                      CASE WHEN c.take THEN c.now + make_interval(secs => $3) ELSE p.lease_until END,
                                      CASE WHEN c.take THEN c.now + make_interval(secs => $4) ELSE p.next_slot END,
                                      CASE WHEN c.take THEN NULL WHEN c.first THEN $1 ELSE p.waiter END,
                                      CASE WHEN c.take THEN NULL WHEN c.first THEN c.since ELSE p.waiter_since END,
                                      CASE WHEN c.take THEN NULL
                                           WHEN c.first THEN greatest(c.now, p.next_slot) + make_interval(secs => $5)
                                           ELSE p.waiter_until END
                                 FROM (SELECT t.now, t.since, t.first,
                                              t.first AND (p.holder IS NULL OR p.lease_until <= t.now) AND p.next_slot <= t.now AS take
                                         FROM (SELECT n.now, n.now - make_interval(secs => $2) AS since,
                                                      p.waiter IS NULL OR p.waiter = $1 OR p.waiter_until <= n.now
                                                      OR p.waiter_since > n.now - make_interval(secs => $2) AS first
                                                 FROM (SELECT clock_timestamp() AS now) n) t) c)
                         WHERE p.id = 1
                        RETURNING coalesce(p.holder = $1, false) AS taken,
                                  greatest(0, extract(epoch FROM p.lease_until - clock_timestamp()))::float8 AS lease_left,
                                  greatest(0, extract(epoch FROM p.next_slot - clock_timestamp()))::float8 AS slot_left""")
                .execute(Tuple.of(token, waitedSeconds, leaseSeconds, spacingSeconds, claimSeconds)))
                .map(PacingRepository::tried);
    }

    private static Try tried(RowSet<Row> rows) {
        Row row = rows.iterator().next();
        return new Try(row.getBoolean("taken"), row.getDouble("lease_left"), row.getDouble("slot_left"));
    }

    /**
     * Gives the lease back, when {@code token} still holds it. The next call's earliest start moves on by
     * {@code lateSeconds}: how much later than its take this call was sent, so the interval counts from the
     * call's real start.
     */
    public Uni<Void> release(String token, double lateSeconds) {
        return Uni.createFrom().deferred(() -> pool.get().preparedQuery("""
                        UPDATE arxiv_pacing
                           SET holder = NULL, lease_until = NULL, next_slot = next_slot + make_interval(secs => $2)
                         WHERE id = 1 AND holder = $1""")
                .execute(Tuple.of(token, lateSeconds)))
                .replaceWithVoid();
    }

    /** Leaves the line: the place first in line is free again when {@code token} held it. */
    public Uni<Void> withdraw(String token) {
        return Uni.createFrom().deferred(() -> pool.get().preparedQuery("""
                        UPDATE arxiv_pacing
                           SET waiter = NULL, waiter_since = NULL, waiter_until = NULL
                         WHERE id = 1 AND waiter = $1""")
                .execute(Tuple.of(token)))
                .replaceWithVoid();
    }
}
