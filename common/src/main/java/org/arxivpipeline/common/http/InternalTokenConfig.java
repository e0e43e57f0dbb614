package org.arxivpipeline.common.http;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The shared secret between frontend-service and the backends. */
@ConfigMapping(prefix = "internal")
public interface InternalTokenConfig {

    /** {@code INTERNAL_TOKEN}; off when absent. The frontend sends it on every backend call; the backends refuse calls without it. */
    @WithName("token")
    Optional<String> token();

    /** Whether this service asks its callers for the token: every backend; not the frontend, the public edge. */
    @WithName("token.enforced")
    @WithDefault("true")
    boolean enforced();
}
