package org.arxivpipeline.arxivapi.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Whether the replicas share their arXiv pacing: Quarkus' reactive datasource URL (env
 * {@code QUARKUS_DATASOURCE_REACTIVE_URL}, the {@code arxiv} database), read here only to know whether
 * one is configured. Without it Quarkus leaves the datasource inactive and each process paces alone.
 */
@ConfigMapping(prefix = "quarkus.datasource.reactive")
public interface PacingDatabaseConfig {

    Optional<String> url();

    /** True when a datasource URL is set. */
    default boolean configured() {
        return url().filter(url -> !url.isBlank()).isPresent();
    }
}
