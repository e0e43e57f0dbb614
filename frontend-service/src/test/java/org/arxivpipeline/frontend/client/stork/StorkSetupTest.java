package org.arxivpipeline.frontend.client.stork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.stork.Stork;
import io.smallrye.stork.api.ServiceDefinition;
import io.smallrye.stork.servicediscovery.dns.DnsServiceDiscovery;

/** How the stork:// URLs and the quarkus.stork.* settings become Stork services, from a file or the environment. */
class StorkSetupTest {

    @Test
    void plainUrlsDefineNoService() {
        assertTrue(StorkSetup.definitions(config(Map.of("quarkus.rest-client.results.url", "http://localhost:8084"), Map.of())).isEmpty());
    }

    @Test
    void aStaticListFromProperties() {
        Map<String, ServiceDefinition> services = StorkSetup.definitions(config(Map.of(
                "quarkus.rest-client.results.url", "stork://backend-results",
                "quarkus.rest-client.sequence.url", "http://localhost:8082",
                "quarkus.stork.backend-results.service-discovery.type", "static",
                "quarkus.stork.backend-results.service-discovery.address-list", "host-a:8084,host-b:8084",
                "quarkus.stork.backend-results.load-balancer.type", "round-robin"), Map.of()));
        assertEquals(1, services.size());
        ServiceDefinition results = services.get("backend-results");
        assertEquals("static", results.getServiceDiscovery().type());
        assertEquals(Map.of("address-list", "host-a:8084,host-b:8084"), results.getServiceDiscovery().parameters());
        assertEquals("round-robin", results.getLoadBalancer().type());
    }

    /** The Kubernetes form: DNS A records of a headless Service, every name from an environment variable. */
    @Test
    void dnsDiscoveryFromEnvironmentVariables() {
        Map<String, ServiceDefinition> services = StorkSetup.definitions(config(Map.of(), Map.of(
                "QUARKUS_REST_CLIENT_RESULTS_URL", "stork://backend-results",
                "QUARKUS_STORK_BACKEND_RESULTS_SERVICE_DISCOVERY_TYPE", "dns",
                "QUARKUS_STORK_BACKEND_RESULTS_SERVICE_DISCOVERY_HOSTNAME", "backend-results-pods.arxiv.svc.cluster.local",
                "QUARKUS_STORK_BACKEND_RESULTS_SERVICE_DISCOVERY_RECORD_TYPE", "A",
                "QUARKUS_STORK_BACKEND_RESULTS_SERVICE_DISCOVERY_PORT", "8084",
                "QUARKUS_STORK_BACKEND_RESULTS_SERVICE_DISCOVERY_REFRESH_PERIOD", "10s")));
        ServiceDefinition results = services.get("backend-results");
        assertEquals("dns", results.getServiceDiscovery().type());
        assertEquals(Map.of("hostname", "backend-results-pods.arxiv.svc.cluster.local", "record-type", "A", "port", "8084",
                "refresh-period", "10s"), results.getServiceDiscovery().parameters());
        assertEquals("least-response-time", results.getLoadBalancer().type());

        // and Stork accepts it: a DNS discovery is built (nothing is looked up until a call)
        Stork.shutdown();
        Stork.initialize();
        try {
            Stork.getInstance().defineIfAbsent("backend-results", results);
            assertTrue(Stork.getInstance().getService("backend-results").getServiceDiscovery() instanceof DnsServiceDiscovery);
        } finally {
            Stork.shutdown();
        }
    }

    @Test
    void aStorkUrlWithoutDiscoveryStopsTheStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> StorkSetup.definitions(config(
                Map.of("quarkus.rest-client.queries.url", "stork://backend-queries"), Map.of())));
        assertTrue(refused.getMessage().contains("quarkus.stork.backend-queries.service-discovery.type"), refused.getMessage());
    }

    private static Config config(Map<String, String> properties, Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
    }
}
