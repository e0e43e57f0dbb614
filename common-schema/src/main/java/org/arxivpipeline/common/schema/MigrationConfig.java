package org.arxivpipeline.common.schema;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a service that owns tables applies its migrations. The owner's credentials come from the
 * environment ({@code ARXIV_MIGRATION_USERNAME}, {@code ARXIV_MIGRATION_PASSWORD}); where its migrations
 * are and which history table records them is each service's own (its application.properties).
 */
@ConfigMapping(prefix = "arxiv.migration")
public interface MigrationConfig {

    /** The schema owner that applies the migrations; the runtime pool keeps its least-privilege role. */
    @WithDefault("arxiv_owner")
    String username();

    /** Its password; the default is for local use only. */
    @WithDefault("arxiv_owner")
    String password();

    /**
     * Whether the service migrates when it starts ({@code ARXIV_MIGRATION_AT_START}). Off for deployments
     * that migrate separately: the service then only checks that its schema is at its code's version,
     * and stays not ready while it is behind.
     */
    @WithDefault("true")
    boolean atStart();

    /** Where this service's migrations are, e.g. {@code classpath:db/migration/queries}. */
    List<String> locations();

    /**
     * This service's history table: one per service, so that services sharing a database never see
     * each other's migrations and each takes its own lock.
     */
    String table();

    /**
     * The database to migrate, as a JDBC URL; by default the one of {@code quarkus.datasource.reactive.url}
     * (the primary), so a deployment sets one address.
     */
    Optional<String> jdbcUrl();

    /**
     * Whether the service works without its database (backend-arxiv-api, whose shared pacing falls back
     * to per-process pacing): then an unreachable database does not make it unready.
     */
    @WithDefault("false")
    boolean optional();

    /** How long a replica waits for another one's migration (its lock) before it gives up and tries again later. */
    @WithDefault("10m")
    Duration lockWait();

    /** How soon a migration that could not reach its database (or wait out another's lock) is tried again; a failed one is not. */
    @WithDefault("5s")
    Duration retryInterval();
}
