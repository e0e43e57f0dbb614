package org.arxivpipeline.common.db;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The one {@link ReadRouting} of a service with a {@code read} datasource (backend-queries,
 * backend-results), for its repositories to inject. The read pool is looked up rather than injected so
 * that a service without one (backend-sequence) builds: the producer is then never used, and removed.
 */
@Singleton
public class ReadRoutingProducer {

    @Produces
    @Singleton
    ReadRouting readRouting(Pool primary, @Any Instance<Pool> pools, ReadDatasourceConfig config, MeterRegistry registry) {
        Pool read = pools.select(new ReactiveDataSource.ReactiveDataSourceLiteral(ReadPoolCreator.READ)).get();
        return new ReadRouting(primary, read, config.replicaConfigured(), registry);
    }
}
