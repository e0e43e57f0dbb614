package org.arxivpipeline.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Hands a {@code @QuarkusTest} the test PostgreSQL: {@code arxivtest.pg.host}/{@code port}, which the
 * test profile of each service turns into its datasource URLs. The server outlives the application
 * (one per test JVM), so {@link #stop()} leaves it running.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestPostgres postgres = TestPostgres.get();
        return Map.of(
                "arxivtest.pg.host", postgres.host(),
                "arxivtest.pg.port", String.valueOf(postgres.port()));
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped by a shutdown hook
    }
}
