package org.arxivpipeline.common.schema;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The service's primary datasource as Quarkus configures it ({@code QUARKUS_DATASOURCE_REACTIVE_URL},
 * {@code _USERNAME}, {@code _PASSWORD}), read here for the database to migrate (one address for a
 * deployment to set) and for the runtime role that checks the schema when migration is off; and by
 * backend-arxiv-api to know whether its replicas share their pacing (without a URL Quarkus leaves the
 * datasource inactive).
 */
@ConfigMapping(prefix = "quarkus.datasource")
public interface PrimaryDatasourceConfig {

    Optional<String> username();

    Optional<String> password();

    Reactive reactive();

    /** True when a datasource URL is set. */
    default boolean configured() {
        return reactive().url().filter(url -> !url.isBlank()).isPresent();
    }

    interface Reactive {
        /** Absent or blank: no database (backend-arxiv-api without shared pacing). */
        Optional<String> url();
    }
}
