package org.arxivpipeline.common.db;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Where a read goes: to the read replica when one is configured ({@code READ_DATASOURCE_URL}) and
 * answering, else to the primary.
 * <ul>
 * <li>The replica fails (down, refusing, too slow): the read is run again on the primary, and reads go
 * to the primary for {@link #REPLICA_PAUSE} before the replica is tried again, so that not every request
 * pays for a dead replica. A client sees no error while the primary answers.</li>
 * <li>Read-your-writes: a read whose answer says "not there yet" (e.g. no result of a fresh query_id,
 * written to the primary a moment ago and not replayed yet) is run again on the primary.</li>
 * </ul>
 * Without a replica both pools are the same database and every read is run once.
 */
public final class ReadRouting {

    private static final Logger LOG = Logger.getLogger(ReadRouting.class);
    static final Duration REPLICA_PAUSE = Duration.ofSeconds(5);

    private final Pool primary;
    private final Pool replica;
    private final boolean replicaConfigured;
    /** Reads run again on the primary, by reason: {@code failed} (the replica) or {@code not_replayed} (read-your-writes). */
    private final Counter failedOver;
    private final Counter notReplayed;
    /** System.nanoTime() from which the replica is tried again (nanoTime values compare only by difference). */
    private final AtomicLong replicaPausedUntil = new AtomicLong(System.nanoTime());

    /**
     * @param replicaConfigured false when the read datasource is the primary itself (no replica)
     * @param registry where {@code arxiv_read_replica_fallbacks_total{reason}} is counted
     */
    public ReadRouting(Pool primary, Pool replica, boolean replicaConfigured, MeterRegistry registry) {
        this.primary = primary;
        this.replica = replica;
        this.replicaConfigured = replicaConfigured;
        this.failedOver = registry.counter("arxiv.read.replica.fallbacks", "reason", "failed");
        this.notReplayed = registry.counter("arxiv.read.replica.fallbacks", "reason", "not_replayed");
    }

    /** True when the two datasource URLs name different servers or databases. */
    public static boolean distinct(String primaryUrl, String readUrl) {
        return readUrl != null && !readUrl.isBlank() && !readUrl.strip().equals(primaryUrl == null ? "" : primaryUrl.strip());
    }

    /** A read that the replica may answer; on the primary when the replica fails. */
    public <T> Uni<T> read(Function<Pool, Uni<T>> query) {
        return read(query, answer -> false);
    }

    /** A read that the replica may answer, run again on the primary when {@code notThereYet} holds for the replica's answer. */
    public <T> Uni<T> read(Function<Pool, Uni<T>> query, Predicate<T> notThereYet) {
        if (!useReplica()) {
            return query.apply(primary);
        }
        return query.apply(replica).onItemOrFailure().transformToUni((answer, failure) -> {
            if (failure != null) {
                pauseReplica(failure);
                return query.apply(primary);
            }
            if (notThereYet.test(answer)) {
                notReplayed.increment();
                return query.apply(primary);
            }
            return Uni.createFrom().item(answer);
        });
    }

    /** A stream that the replica may serve; started again on the primary when the replica fails before its first row. */
    public <T> Multi<T> stream(Function<Pool, Multi<T>> query) {
        if (!useReplica()) {
            return query.apply(primary);
        }
        return Multi.createFrom().deferred(() -> {
            AtomicBoolean started = new AtomicBoolean();
            return query.apply(replica)
                    .onItem().invoke(row -> started.set(true))
                    .onFailure(failure -> !started.get()).recoverWithMulti(failure -> {
                        pauseReplica(failure);
                        return query.apply(primary);
                    });
        });
    }

    private boolean useReplica() {
        return replicaConfigured && System.nanoTime() - replicaPausedUntil.get() >= 0;
    }

    private void pauseReplica(Throwable failure) {
        failedOver.increment();
        long now = System.nanoTime();
        long before = replicaPausedUntil.getAndSet(now + REPLICA_PAUSE.toNanos());
        if (now - before >= 0) {
            LOG.warnf("Read replica failed (%s): reading from the primary for %d s", failure.getMessage(), REPLICA_PAUSE.toSeconds());
        }
    }
}
