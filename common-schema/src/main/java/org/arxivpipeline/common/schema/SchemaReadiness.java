package org.arxivpipeline.common.schema;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the schema is at the version this code needs: not while the migration waits for its
 * database, after it failed, or while the schema is behind and migration is off. A service that works
 * without its database (backend-arxiv-api's shared pacing) stays ready while the database is away.
 */
@Readiness
@ApplicationScoped
public class SchemaReadiness implements HealthCheck {

    @Inject
    SchemaMigrator migrator;

    @Override
    public HealthCheckResponse call() {
        SchemaState state = migrator.state();
        return HealthCheckResponse.named("Database schema").status(up(migrator, state)).withData("schema", state.describe()).build();
    }

    /** Whether the schema lets the service be ready ({@code arxiv_schema_ready} says the same: {@link SchemaMeter}). */
    static boolean up(SchemaMigrator migrator, SchemaState state) {
        return state.ready() || (migrator.databaseOptional() && state instanceof SchemaState.Unreachable);
    }
}
