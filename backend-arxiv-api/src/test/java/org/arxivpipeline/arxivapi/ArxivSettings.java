package org.arxivpipeline.arxivapi;

import java.time.Duration;
import java.util.Map;

import org.arxivpipeline.arxivapi.config.ArxivConfig;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

/** An {@link ArxivConfig} outside Quarkus, for tests that build the service's parts themselves: its defaults and these values. */
public final class ArxivSettings {

    private ArxivSettings() {
    }

    /** @param values properties without their prefix, e.g. {@code "read-timeout" -> "700ms"} */
    public static ArxivConfig with(Map<String, String> values) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withMapping(ArxivConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValue("quarkus.application.version", "0.0.0-test");
        values.forEach((name, value) -> builder.withDefaultValue("arxiv." + name, value));
        return builder.build().getConfigMapping(ArxivConfig.class);
    }
}
