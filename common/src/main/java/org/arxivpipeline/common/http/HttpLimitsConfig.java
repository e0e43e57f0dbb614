package org.arxivpipeline.common.http;

import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

/**
 * Quarkus' HTTP limits as this suite reads them ({@code QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE}): the router's
 * 413 problem before a body is read, and backend-results' admission of write bodies.
 */
@ConfigMapping(prefix = "quarkus.http.limits")
public interface HttpLimitsConfig {

    /** The largest request body; Quarkus' own default (10M) when unset. */
    Optional<MemorySize> maxBodySize();
}
