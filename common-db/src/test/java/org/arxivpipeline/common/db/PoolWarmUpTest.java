package org.arxivpipeline.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The first database connection is opened while the service starts, before any request needs it ({@link DatabaseProbe}: its first probe). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(PoolWarmUpTest.OwnApplicationName.class)
class PoolWarmUpTest {

    /** A name no other test's connections carry, so only this start's connections are counted. */
    public static class OwnApplicationName implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.additional-properties.application_name", "pool-warm-up-test");
        }
    }

    @Test
    void aConnectionIsOpenBeforeTheFirstRequest() throws InterruptedException {
        long connections = 0;
        for (int attempt = 0; attempt < 50 && connections == 0; attempt++) {
            connections = TestPostgres.get().queryLong("arxiv",
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pool-warm-up-test'");
            Thread.sleep(100);
        }
        // no request has been sent to the service in this test
        assertEquals(1, connections);
    }
}
