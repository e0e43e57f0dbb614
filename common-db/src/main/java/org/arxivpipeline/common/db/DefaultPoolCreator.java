package org.arxivpipeline.common.db;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.sqlclient.Pool;

/** The write datasource's pool, with the suite's timeouts. */
@Singleton
public class DefaultPoolCreator implements PgPoolCreator {

    @Inject
    DatabaseConfig config;

    @Override
    public Pool create(Input input) {
        return PoolTuning.create(input, config);
    }
}
