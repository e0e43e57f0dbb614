package org.arxivpipeline.common.db;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.sqlclient.Pool;

/**
 * Opens the first database connection while the service is still starting, so the readiness probe
 * (and the first request) finds it ready instead of paying for connecting and authenticating in a cold
 * JVM. Nothing waits for it; if the database is down, readiness reports that as usual.
 */
@Singleton
public class PoolWarmUp {

    private static final Logger LOG = Logger.getLogger(PoolWarmUp.class);

    void connectEarly(@Observes StartupEvent started, Pool pool) {
        pool.query("SELECT 1").execute()
                .onFailure(e -> LOG.debugf("No database connection at start-up yet: %s", e.getMessage()));
    }
}
