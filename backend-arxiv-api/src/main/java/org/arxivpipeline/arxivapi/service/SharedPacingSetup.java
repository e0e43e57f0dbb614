package org.arxivpipeline.arxivapi.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.arxivpipeline.arxivapi.config.ArxivConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * The shared pacing when a datasource is configured ({@code QUARKUS_DATASOURCE_REACTIVE_URL}), none
 * otherwise: without a URL Quarkus leaves the datasource inactive, and this service paces per process.
 * With {@code ARXIV_MIN_INTERVAL=0} (pacing off) nothing is shared either.
 */
@ApplicationScoped
public class SharedPacingSetup {

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    Optional<String> url;

    @Inject
    Instance<Pool> pools;

    @Inject
    Vertx vertx;

    @Inject
    ArxivConfig config;

    public Optional<SharedPacing> sharedPacing() {
        if (config.minInterval().isZero()) {
            // pacing off (a stand-in, a benchmark): no interval to share, and no guard between calls
            return Optional.empty();
        }
        return url.filter(u -> !u.isBlank()).map(u -> new SharedPacing(vertx, pools.get(), config.minInterval(), config.pacingGuard()));
    }
}
