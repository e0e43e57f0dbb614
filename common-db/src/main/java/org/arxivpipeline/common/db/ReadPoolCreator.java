package org.arxivpipeline.common.db;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.sqlclient.Pool;

/** The pool of the {@code read} datasource (a replica, or the primary again), with the same timeouts. */
@Singleton
@ReactiveDataSource(ReadPoolCreator.READ)
public class ReadPoolCreator implements PgPoolCreator {

    public static final String READ = "read";

    @Inject
    DatabaseConfig config;

    @Override
    public Pool create(Input input) {
        return PoolTuning.create(input, config);
    }
}
