package org.arxivpipeline.common.schema;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code arxiv_schema_ready}: 1 while the schema lets the service be ready, 0 while its migration waits for
 * the database or its lock, after it failed, or while the schema is behind with migration off: what
 * {@link SchemaReadiness} tells an orchestrator, as a series for the {@code SchemaNotReady} alert
 * (docs/operations.md).
 */
@Singleton
public class SchemaMeter {

    @Inject
    SchemaMigrator migrator;

    void register(@Observes StartupEvent started, MeterRegistry registry) {
        registry.gauge("arxiv.schema.ready", this, meter -> SchemaReadiness.up(meter.migrator, meter.migrator.state()) ? 1 : 0);
    }
}
