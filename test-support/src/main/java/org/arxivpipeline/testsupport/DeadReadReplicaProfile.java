package org.arxivpipeline.testsupport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A read datasource (READ_DATASOURCE_URL) that refuses every connection, as a read replica that is down. */
public class DeadReadReplicaProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // port 1: nothing listens there
        return Map.of("quarkus.datasource.read.reactive.url", "postgresql://127.0.0.1:1/arxiv");
    }
}
