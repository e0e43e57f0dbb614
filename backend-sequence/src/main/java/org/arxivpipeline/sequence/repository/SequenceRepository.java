package org.arxivpipeline.sequence.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.db.DatabaseConfig;
import org.arxivpipeline.common.db.DatabaseFailures;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** The sequence {@code arxiv_sequence}: nextval is atomic and never hands a value out twice, whatever the number of replicas. */
@ApplicationScoped
public class SequenceRepository {

    private static final String NEXT_VALUE = "SELECT nextval('arxiv_sequence')";

    @Inject
    Pool pool;

    @Inject
    DatabaseConfig config;

    public Uni<Long> nextValue() {
        return DatabaseFailures.guard(
                pool.preparedQuery(NEXT_VALUE).execute().map(rows -> rows.iterator().next().getLong(0)),
                config.queryTimeout());
    }
}
