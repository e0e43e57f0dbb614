package org.arxivpipeline.frontend.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * backend-queries' address as its REST client is configured ({@code QUARKUS_REST_CLIENT_QUERIES_URL}, a
 * plain or a {@code stork://} URL), read also by the Vert.x client of the streamed history, so that a
 * deployment sets it once.
 */
@ConfigMapping(prefix = "quarkus.rest-client.queries")
public interface QueriesClientConfig {

    String url();

    /** Milliseconds to open a connection (as the REST client's own setting). */
    @WithDefault("1000")
    int connectTimeout();
}
