package org.arxivpipeline.common.db;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * The two datasource addresses {@link ReadRouting} compares: the primary's and the {@code read}
 * datasource's ({@code READ_DATASOURCE_URL}, which defaults to the primary's, see common-db's
 * {@code microprofile-config.properties}). Different: a read replica.
 */
@ConfigMapping(prefix = "quarkus.datasource")
public interface ReadDatasourceConfig {

    @WithName("reactive.url")
    Optional<String> primaryUrl();

    @WithName("read.reactive.url")
    Optional<String> readUrl();

    /** True when the read datasource names another server or database than the primary. */
    default boolean replicaConfigured() {
        return ReadRouting.distinct(primaryUrl().orElse(null), readUrl().orElse(null));
    }
}
