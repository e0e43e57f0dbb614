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
        return url.filter(u -> !u.isBlank()).map(u -> new SharedPacing(vertx, pools.get(), config.minInterval(), config.pacingGuard()));
    }
}
