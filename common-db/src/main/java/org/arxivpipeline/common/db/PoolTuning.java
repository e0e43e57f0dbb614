package org.arxivpipeline.common.db;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * Builds a pool as Quarkus would, plus what Quarkus has no setting for: the connect timeout, the wait queue,
 * and the session's {@code work_mem} (a setting of the connection's startup message).
 */
final class PoolTuning {

    private PoolTuning() {
    }

    static Pool create(PgPoolCreator.Input input, DatabaseConfig config) {
        PoolOptions poolOptions = input.poolOptions()
                .setMaxWaitQueueSize(config.maxWaitQueue());
        List<SqlConnectOptions> servers = new ArrayList<>();
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setConnectTimeout((int) config.connectTimeout().toMillis());
            options.addProperty("work_mem", config.workMem());
            servers.add(options);
        }
        return PgBuilder.pool()
                .with(poolOptions)
                .connectingTo(servers)
                .using(input.vertx())
                .build();
    }
}
