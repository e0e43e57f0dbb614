package org.arxivpipeline.common.db;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.runtime.StartupEvent;
import io.vertx.sqlclient.Pool;

/**
 * {@code arxiv_database_up{datasource="primary"|"read"}}: 1 while the database answers a {@code SELECT 1}
 * within {@link #TIMEOUT_SECONDS}, 0 otherwise, checked every {@code ARXIV_DB_GAUGE_INTERVAL} (15 s, {@link GaugeRefresher}). Readiness says the
 * same to an orchestrator, but only when asked and only as a whole; this is the series the
 * {@code DatabaseUnreachable} alert and the dashboard read (docs/operations.md). The read datasource is
 * probed when it is a replica of its own ({@code READ_DATASOURCE_URL}).
 * <p>
 * The first probe runs while the service starts, so it also opens the pool's first connection before
 * any request needs it: the readiness probe and the first request find it ready instead of paying for
 * connecting and authenticating in a cold JVM (live to ready 130–200 ms → 50–110 ms, bench/RESULTS.md).
 */
@Singleton
public class DatabaseProbe {

    static final long TIMEOUT_SECONDS = 5;

    void start(@Observes StartupEvent started, Pool primary, @Any Instance<Pool> pools, MeterRegistry registry,
            ReadDatasourceConfig readConfig, GaugeRefresher refresher) {
        AtomicInteger primaryUp = probed(registry, "primary");
        Pool replica = readConfig.replicaConfigured()
                ? pools.select(new ReactiveDataSource.ReactiveDataSourceLiteral(ReadPoolCreator.READ)).get() : null;
        AtomicInteger replicaUp = replica == null ? null : probed(registry, "read");
        Runnable probe = () -> {
            check(primary, primaryUp);
            if (replica != null) {
                check(replica, replicaUp);
            }
        };
        probe.run();
        refresher.every(probe);
    }

    private static AtomicInteger probed(MeterRegistry registry, String datasource) {
        // unknown until the first answer: counted as down only once a probe failed
        return registry.gauge("arxiv.database.up", java.util.List.of(io.micrometer.core.instrument.Tag.of("datasource", datasource)),
                new AtomicInteger(1));
    }

    private static void check(Pool pool, AtomicInteger up) {
        pool.query("SELECT 1").execute().timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .onComplete(answer -> up.set(answer.succeeded() ? 1 : 0));
    }
}
