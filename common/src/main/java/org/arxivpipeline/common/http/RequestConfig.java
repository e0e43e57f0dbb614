package org.arxivpipeline.common.http;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a client may take to send its request. */
@ConfigMapping(prefix = "request")
public interface RequestConfig {

    /**
     * {@code REQUEST_READ_TIMEOUT}: the request line and headers must arrive within this from the accept
     * (or a kept-alive request's first byte), the body within this from the headers; 408 beyond.
     */
    @WithDefault("10s")
    Duration readTimeout();
}
