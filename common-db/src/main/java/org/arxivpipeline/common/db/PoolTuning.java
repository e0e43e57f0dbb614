package org.arxivpipeline.common.db;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;

/** Builds a pool as Quarkus would, plus the bounds Quarkus has no setting for (connect timeout, wait queue). */
final class PoolTuning {

    private PoolTuning() {
    }

    static Pool create(PgPoolCreator.Input input, DatabaseConfig config) {
        PoolOptions poolOptions = input.poolOptions()
                .setMaxWaitQueueSize(config.maxWaitQueue());
        List<SqlConnectOptions> servers = new ArrayList<>();
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setConnectTimeout((int) config.connectTimeout().toMillis());
            servers.add(options);
        }
        return PgBuilder.pool()
                .with(poolOptions)
                .connectingTo(servers)
                .using(input.vertx())
                .build();
    }
}
