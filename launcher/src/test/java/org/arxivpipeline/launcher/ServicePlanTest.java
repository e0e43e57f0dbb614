package org.arxivpipeline.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.arxivpipeline.launcher.ServicePlan.Planned;
import org.junit.jupiter.api.Test;

/** The processes ./run.sh starts: names, ports and environments, for one instance and for replicas. */
class ServicePlanTest {

    private static final String DB = "postgresql://127.0.0.1:54329";
    private static final String STUB = "http://localhost:8090/api/query";
    private static final Map<String, String> INHERITED = Map.of("LOG_LEVEL", "INFO");

    @Test
    void oneInstanceIsTheSuiteAsBefore() {
        List<Planned> plan = ServicePlan.plan(8080, 1, DB, STUB, INHERITED);
        assertEquals(List.of("backend-arxiv-api:8081", "backend-sequence:8082", "backend-queries:8083", "backend-results:8084",
                "backend-watches:8086", "frontend-service:8080"), plan.stream().map(p -> p.name() + ":" + p.port()).toList());
        Map<String, String> frontend = plan.get(5).environment();
        assertEquals("http://localhost:8081", frontend.get("QUARKUS_REST_CLIENT_ARXIV_API_URL"));
        assertEquals("http://localhost:8082", frontend.get("QUARKUS_REST_CLIENT_SEQUENCE_URL"));
        assertEquals("http://localhost:8083", frontend.get("QUARKUS_REST_CLIENT_QUERIES_URL"));
        assertEquals("http://localhost:8084", frontend.get("QUARKUS_REST_CLIENT_RESULTS_URL"));
        assertEquals("http://localhost:8086", frontend.get("QUARKUS_REST_CLIENT_WATCHES_URL"));
        assertEquals(DB + "/arxiv", plan.get(4).environment().get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertTrue(frontend.keySet().stream().noneMatch(name -> name.startsWith("QUARKUS_STORK_")), frontend.toString());
        assertEquals("INFO", frontend.get("LOG_LEVEL"));

        Map<String, String> arxivApi = plan.get(0).environment();
        assertEquals(DB + "/arxiv", arxivApi.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertEquals(STUB, arxivApi.get("ARXIV_BASE_URL"));
        assertEquals("100ms", arxivApi.get("ARXIV_MIN_INTERVAL"));
        assertEquals(DB + "/arxiv_sequence", plan.get(1).environment().get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertEquals(DB + "/arxiv", plan.get(2).environment().get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertEquals(DB + "/arxiv", plan.get(3).environment().get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertFalse(plan.get(3).environment().containsKey("ARXIV_BASE_URL"));
    }

    @Test
    void aReadReplicaServesTheReadsOfQueriesAndResults() {
        String replica = "postgresql://127.0.0.1:54330";
        List<Planned> plan = ServicePlan.plan(8080, 2, DB, replica, STUB, INHERITED);
        for (Planned planned : plan) {
            String read = planned.environment().get("READ_DATASOURCE_URL");
            switch (planned.module()) {
                case "backend-queries", "backend-results" -> {
                    assertEquals(replica + "/arxiv", read, planned.name());
                    assertEquals(DB + "/arxiv", planned.environment().get("QUARKUS_DATASOURCE_REACTIVE_URL"), planned.name());
                }
                default -> assertEquals(null, read, planned.name());
            }
        }
        assertFalse(ServicePlan.plan(8080, 1, DB, STUB, INHERITED).get(3).environment().containsKey("READ_DATASOURCE_URL"));
    }

    @Test
    void threeReplicasOfEachBackendAndTwoFrontendsOnStorkLists() {
        List<Planned> plan = ServicePlan.plan(8080, 3, DB, null, INHERITED);
        assertEquals(List.of(
                "backend-arxiv-api-1:8081", "backend-arxiv-api-2:8091", "backend-arxiv-api-3:8101",
                "backend-sequence-1:8082", "backend-sequence-2:8092", "backend-sequence-3:8102",
                "backend-queries-1:8083", "backend-queries-2:8093", "backend-queries-3:8103",
                "backend-results-1:8084", "backend-results-2:8094", "backend-results-3:8104",
                "backend-watches-1:8086", "backend-watches-2:8096", "backend-watches-3:8106",
                "frontend-service-1:8080", "frontend-service-2:8085"), plan.stream().map(p -> p.name() + ":" + p.port()).toList());
        assertEquals("backend-queries", plan.get(7).module());
        assertEquals("frontend-service", plan.get(16).module());

        for (Planned frontend : plan.subList(15, 17)) {
            Map<String, String> environment = frontend.environment();
            assertEquals("stork://backend-arxiv-api", environment.get("QUARKUS_REST_CLIENT_ARXIV_API_URL"));
            assertEquals("stork://backend-sequence", environment.get("QUARKUS_REST_CLIENT_SEQUENCE_URL"));
            assertEquals("stork://backend-queries", environment.get("QUARKUS_REST_CLIENT_QUERIES_URL"));
            assertEquals("stork://backend-results", environment.get("QUARKUS_REST_CLIENT_RESULTS_URL"));
            assertEquals("static", environment.get("QUARKUS_STORK_BACKEND_RESULTS_SERVICE_DISCOVERY_TYPE"));
            assertEquals("localhost:8081,localhost:8091,localhost:8101",
                    environment.get("QUARKUS_STORK_BACKEND_ARXIV_API_SERVICE_DISCOVERY_ADDRESS_LIST"));
            assertEquals("localhost:8082,localhost:8092,localhost:8102",
                    environment.get("QUARKUS_STORK_BACKEND_SEQUENCE_SERVICE_DISCOVERY_ADDRESS_LIST"));
            assertEquals("localhost:8083,localhost:8093,localhost:8103",
                    environment.get("QUARKUS_STORK_BACKEND_QUERIES_SERVICE_DISCOVERY_ADDRESS_LIST"));
            assertEquals("localhost:8084,localhost:8094,localhost:8104",
                    environment.get("QUARKUS_STORK_BACKEND_RESULTS_SERVICE_DISCOVERY_ADDRESS_LIST"));
            assertEquals("localhost:8086,localhost:8096,localhost:8106",
                    environment.get("QUARKUS_STORK_BACKEND_WATCHES_SERVICE_DISCOVERY_ADDRESS_LIST"));
            assertEquals("least-response-time", environment.get("QUARKUS_STORK_BACKEND_QUERIES_LOAD_BALANCER_TYPE"));
        }
        // every arxiv-api replica shares the pacing through the same database
        for (Planned arxivApi : plan.subList(0, 3)) {
            assertEquals(DB + "/arxiv", arxivApi.environment().get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        }
    }

    @Test
    void noPortIsTakenTwiceNorTheStandInsDefault() {
        for (int replicas = 1; replicas <= Options.MAX_REPLICAS; replicas++) {
            List<Planned> plan = ServicePlan.plan(9000, replicas, DB, null, Map.of());
            Set<Integer> ports = new HashSet<>();
            plan.forEach(p -> ports.add(p.port()));
            assertEquals(plan.size(), ports.size(), "replicas " + replicas);
            assertEquals(5 * replicas + (replicas == 1 ? 1 : 2), plan.size());
            assertFalse(ports.contains(9010), "the stand-in's default port, replicas " + replicas);
        }
    }

    /**
     * With the launcher's secrets each backend gets its runtime role and password, arxiv_ro's for its reads
     * where it reads, the schema owner's for its migrations, and nothing else; the frontend gets none.
     */
    @Test
    void eachServiceGetsItsOwnRolesPasswordAndTheOwnersForItsMigrations() {
        Map<String, String> passwords = Map.of("arxiv_owner", "p-owner", "arxiv_rw", "p-rw", "arxiv_ro", "p-ro",
                "arxiv_sequence", "p-sequence", "arxiv_pacing", "p-pacing", "arxiv_watches", "p-watches");
        List<Planned> plan = ServicePlan.plan(8080, 2, DB, "postgresql://127.0.0.1:54330", STUB, INHERITED, passwords);
        for (Planned planned : plan) {
            Map<String, String> environment = planned.environment();
            Map<String, String> expected = switch (planned.module()) {
                case "backend-arxiv-api" -> Map.of("QUARKUS_DATASOURCE_USERNAME", "arxiv_pacing", "QUARKUS_DATASOURCE_PASSWORD", "p-pacing");
                case "backend-sequence" -> Map.of("QUARKUS_DATASOURCE_USERNAME", "arxiv_sequence", "QUARKUS_DATASOURCE_PASSWORD", "p-sequence");
                case "backend-queries", "backend-results" -> Map.of("QUARKUS_DATASOURCE_USERNAME", "arxiv_rw", "QUARKUS_DATASOURCE_PASSWORD", "p-rw",
                        "READ_DATASOURCE_USERNAME", "arxiv_ro", "READ_DATASOURCE_PASSWORD", "p-ro");
                case "backend-watches" -> Map.of("QUARKUS_DATASOURCE_USERNAME", "arxiv_watches", "QUARKUS_DATASOURCE_PASSWORD", "p-watches");
                default -> Map.of();
            };
            Map<String, String> credentials = new java.util.HashMap<>(expected);
            if (!planned.module().equals(ServicePlan.FRONTEND)) {
                credentials.put("ARXIV_MIGRATION_USERNAME", "arxiv_owner");
                credentials.put("ARXIV_MIGRATION_PASSWORD", "p-owner");
            }
            Map<String, String> given = new java.util.HashMap<>();
            environment.forEach((name, value) -> {
                if (name.endsWith("_USERNAME") || name.endsWith("_PASSWORD")) {
                    given.put(name, value);
                }
            });
            assertEquals(credentials, given, planned.name());
            for (String password : passwords.values()) {
                assertEquals(credentials.containsValue(password), environment.containsValue(password), planned.name() + " has no other password");
            }
            assertFalse(planned.toString().contains("p-"), "a plan printed shows no password: " + planned);
            assertEquals("INFO", environment.get("LOG_LEVEL"));
        }
    }

    /** Without secrets (an external PostgreSQL, --db-url) the plan sets no credentials: the services keep theirs. */
    @Test
    void withoutSecretsNoCredentialsAreSet() {
        for (Planned planned : ServicePlan.plan(8080, 1, DB, null, STUB, INHERITED, Map.of())) {
            assertTrue(planned.environment().keySet().stream().noneMatch(name -> name.endsWith("_PASSWORD") || name.endsWith("_USERNAME")),
                    planned.name());
        }
    }
}
