package org.arxivpipeline.common.db;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One {@link StreamSlots} per service, sized by {@code arxiv.db.max-streams}. */
public class StreamSlotsProducer {

    @Produces
    @Singleton
    StreamSlots streamSlots(DatabaseConfig config) {
        return new StreamSlots(config.maxStreams(), config.streamWaitingLine(), config.streamWait());
    }
}
