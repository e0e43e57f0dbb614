package org.arxivpipeline.frontend.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.arxivpipeline.common.time.TimestampParser;

/** The time forms of every public parameter, read in the configured zone ({@code ARXIV_FRONTEND_TIME_ZONE}). */
@ApplicationScoped
public class TimeFormsProducer {

    @Produces
    @Singleton
    TimestampParser timeForms(FrontendConfig config) {
        return new TimestampParser(config.timeZone());
    }
}
