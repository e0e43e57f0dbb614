package org.arxivpipeline.frontend.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * backend-results' address as its REST client is configured ({@code QUARKUS_REST_CLIENT_RESULTS_URL}, a
 * plain or a {@code stork://} URL), read also by the Vert.x client of the downloads, so that a deployment
 * sets it once.
 */
@ConfigMapping(prefix = "quarkus.rest-client.results")
public interface ResultsClientConfig {

    String url();

    /** Milliseconds to open a connection (as the REST client's own setting). */
    @WithDefault("1000")
    int connectTimeout();
}
