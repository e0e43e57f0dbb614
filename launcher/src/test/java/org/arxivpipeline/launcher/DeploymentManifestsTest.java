package org.arxivpipeline.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** deploy/k8s and docker-compose.yml are well-formed and give every service what it needs. */
class DeploymentManifestsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What each service cannot run without, beyond its defaults (contract's configuration names). */
    /** What the backends that own tables also need: the schema owner their migrations run as. */
    private static final Set<String> MIGRATION = Set.of("ARXIV_MIGRATION_USERNAME", "ARXIV_MIGRATION_PASSWORD");

    static final Map<String, Set<String>> NEEDS = Map.of(
            "frontend-service", Set.of("QUARKUS_REST_CLIENT_ARXIV_API_URL", "QUARKUS_REST_CLIENT_SEQUENCE_URL",
                    "QUARKUS_REST_CLIENT_QUERIES_URL", "QUARKUS_REST_CLIENT_RESULTS_URL", "QUARKUS_REST_CLIENT_WATCHES_URL"),
            "backend-watches", with(MIGRATION, "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"),
            "backend-arxiv-api", with(MIGRATION, "ARXIV_BASE_URL", "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_USERNAME",
                    "QUARKUS_DATASOURCE_PASSWORD"),
            "backend-sequence", with(MIGRATION, "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"),
            "backend-queries", with(MIGRATION, "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                    "READ_DATASOURCE_USERNAME", "READ_DATASOURCE_PASSWORD"),
            "backend-results", with(MIGRATION, "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                    "READ_DATASOURCE_USERNAME", "READ_DATASOURCE_PASSWORD", "RESULTS_CURSOR_SECRET"));

    private static Set<String> with(Set<String> common, String... names) {
        Set<String> all = new java.util.HashSet<>(common);
        all.addAll(List.of(names));
        return Set.copyOf(all);
    }

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(file.toFile());
                MappingIterator<JsonNode> it = YAML.readValues(parser, JsonNode.class)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    @Test
    void everyServiceHasADeploymentWithProbesLimitsAndItsEnvironment() throws IOException {
        List<JsonNode> docs = documents(ROOT.resolve("deploy/k8s/arxiv-pipeline.yaml"));
        Set<String> secretKeys = new HashSet<>();
        documents(ROOT.resolve("deploy/k8s/secrets.example.yaml")).get(0).get("stringData").fieldNames().forEachRemaining(secretKeys::add);
        Set<String> deployments = new HashSet<>();
        for (JsonNode doc : docs) {
            if (!doc.get("kind").asText().equals("Deployment")) {
                continue;
            }
            String name = doc.at("/metadata/name").asText();
            deployments.add(name);
            JsonNode container = doc.at("/spec/template/spec/containers/0");
            assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), name);
            assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), name);
            assertFalse(container.at("/resources/limits/memory").isMissingNode(), name);
            assertFalse(container.at("/resources/requests/cpu").isMissingNode(), name);
            assertTrue(doc.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean(), name);
            Set<String> env = new HashSet<>();
            for (JsonNode var : container.get("env")) {
                env.add(var.get("name").asText());
                JsonNode secret = var.at("/valueFrom/secretKeyRef/key");
                if (!secret.isMissingNode()) {
                    assertTrue(secretKeys.contains(secret.asText()), name + " needs secret key " + secret.asText());
                }
            }
            assertTrue(env.containsAll(NEEDS.get(name)), name + " lacks " + NEEDS.get(name) + " in " + env);
            assertTrue(env.contains("INTERNAL_TOKEN"), name + " lacks the internal token");
        }
        assertEquals(NEEDS.keySet(), deployments);
        for (String kind : List.of("Service", "HorizontalPodAutoscaler", "PodDisruptionBudget")) {
            Set<String> named = new HashSet<>();
            docs.stream().filter(d -> d.get("kind").asText().equals(kind) && !isHeadless(d))
                    .forEach(d -> named.add(d.at("/metadata/name").asText()));
            assertEquals(NEEDS.keySet(), named, kind);
        }
        List<JsonNode> ingresses = docs.stream().filter(d -> d.get("kind").asText().equals("Ingress")).toList();
        assertEquals(1, ingresses.size());
        assertEquals("frontend-service", ingresses.get(0).at("/spec/rules/0/http/paths/0/backend/service/name").asText());
        JsonNode policy = docs.stream().filter(d -> d.get("kind").asText().equals("NetworkPolicy")).findFirst().orElseThrow();
        assertEquals("frontend-service", policy.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1name").asText());
        assertEquals(NEEDS.size() - 1, policy.at("/spec/podSelector/matchExpressions/0/values").size()); // every backend
    }

    private static boolean isHeadless(JsonNode doc) {
        return doc.at("/spec/clusterIP").asText().equals("None");
    }

    /** The frontend balances over every ready pod of each backend: Stork's DNS discovery of a headless Service. */
    @Test
    void theFrontendFindsEachBackendsPodsThroughAHeadlessService() throws IOException {
        List<JsonNode> docs = documents(ROOT.resolve("deploy/k8s/arxiv-pipeline.yaml"));
        JsonNode frontend = docs.stream().filter(d -> d.get("kind").asText().equals("Deployment")
                && d.at("/metadata/name").asText().equals("frontend-service")).findFirst().orElseThrow();
        Map<String, String> env = new java.util.HashMap<>();
        for (JsonNode var : frontend.at("/spec/template/spec/containers/0/env")) {
            env.put(var.get("name").asText(), var.path("value").asText(null));
        }
        for (String backend : List.of("backend-arxiv-api", "backend-sequence", "backend-queries", "backend-results", "backend-watches")) {
            String client = backend.substring("backend-".length()).replace('-', '_').toUpperCase(java.util.Locale.ROOT);
            String stork = "QUARKUS_STORK_" + backend.replace('-', '_').toUpperCase(java.util.Locale.ROOT) + "_SERVICE_DISCOVERY_";
            assertEquals("stork://" + backend, env.get("QUARKUS_REST_CLIENT_" + client + "_URL"), backend);
            assertEquals("dns", env.get(stork + "TYPE"), backend);
            assertEquals(backend + "-pods.$(POD_NAMESPACE).svc.cluster.local", env.get(stork + "HOSTNAME"), backend);
            assertEquals("A", env.get(stork + "RECORD_TYPE"), backend);
            assertEquals("8080", env.get(stork + "PORT"), backend);
            JsonNode headless = docs.stream().filter(d -> d.get("kind").asText().equals("Service")
                    && d.at("/metadata/name").asText().equals(backend + "-pods")).findFirst().orElseThrow();
            assertTrue(isHeadless(headless), backend);
            assertEquals(backend, headless.at("/spec/selector/app.kubernetes.io~1name").asText());
        }
        assertTrue(env.containsKey("POD_NAMESPACE"));
    }

    @Test
    void composeGivesEveryServiceItsEnvironmentAndPublishesOnlyTheFrontend() throws IOException {
        JsonNode services = documents(ROOT.resolve("docker-compose.yml")).get(0).get("services");
        for (Map.Entry<String, Set<String>> service : NEEDS.entrySet()) {
            JsonNode definition = services.get(service.getKey());
            assertTrue(definition != null, service.getKey());
            Set<String> env = new HashSet<>();
            definition.get("environment").fieldNames().forEachRemaining(env::add);
            Set<String> needed = new HashSet<>(service.getValue());
            if (!service.getKey().equals("backend-results")) {
                needed.remove("RESULTS_CURSOR_SECRET");
            }
            assertTrue(env.containsAll(needed), service.getKey() + " lacks " + needed + " in " + env);
            assertTrue(env.contains("INTERNAL_TOKEN"), service.getKey() + " lacks the internal token");
            assertEquals(service.getKey().equals("frontend-service"), definition.has("ports"), service.getKey());
            if (service.getValue().containsAll(MIGRATION)) {
                assertEquals("service_completed_successfully", definition.at("/depends_on/db-bootstrap/condition").asText(),
                        service.getKey() + " migrates only after the bootstrap ran on the volume");
            }
        }
        JsonNode bootstrap = services.get("db-bootstrap");
        assertTrue(bootstrap.at("/volumes/0").asText().startsWith("./db:"), "the bootstrap runs db/");
        assertEquals("no", bootstrap.at("/restart").asText());
    }

    /**
     * The monitoring of deploy/ (docs/operations.md): in compose only under the profile "monitoring", with
     * files that exist; on Kubernetes in its own kustomization (it needs the Prometheus operator's CRDs),
     * never in the default one, scraping the pods the suite labels.
     */
    @Test
    void monitoringIsOptionalAndItsFilesAreWhereItsDefinitionsSay() throws IOException {
        JsonNode services = documents(ROOT.resolve("docker-compose.yml")).get(0).get("services");
        for (String monitor : List.of("prometheus", "grafana")) {
            JsonNode definition = services.get(monitor);
            assertEquals("monitoring", definition.at("/profiles/0").asText(), monitor);
            for (JsonNode volume : definition.get("volumes")) {
                String source = volume.asText().split(":")[0];
                assertTrue(Files.exists(ROOT.resolve(source)), monitor + " mounts " + source + ", which does not exist");
            }
        }
        for (Map.Entry<String, Set<String>> service : NEEDS.entrySet()) {
            assertTrue(!services.get(service.getKey()).has("profiles"), service.getKey() + " must start without a profile");
        }
        JsonNode defaults = documents(ROOT.resolve("deploy/k8s/kustomization.yaml")).get(0);
        defaults.get("resources").forEach(resource -> assertTrue(!resource.asText().contains("monitoring"), resource.asText()));
        JsonNode monitoring = documents(ROOT.resolve("deploy/k8s/monitoring/kustomization.yaml")).get(0);
        Set<String> kinds = new HashSet<>();
        for (JsonNode resource : monitoring.get("resources")) {
            for (JsonNode doc : documents(ROOT.resolve("deploy/k8s/monitoring").resolve(resource.asText()))) {
                kinds.add(doc.get("kind").asText());
            }
        }
        assertEquals(Set.of("PodMonitor", "PrometheusRule", "NetworkPolicy"), kinds);
        JsonNode podMonitor = documents(ROOT.resolve("deploy/k8s/monitoring/pod-monitor.yaml")).get(0);
        assertEquals("arxiv-pipeline", podMonitor.at("/spec/selector/matchLabels/app.kubernetes.io~1part-of").asText());
        assertEquals("/q/metrics", podMonitor.at("/spec/podMetricsEndpoints/0/path").asText());
        // every Deployment's pods carry the label the PodMonitor selects, and name the port it scrapes
        for (JsonNode doc : documents(ROOT.resolve("deploy/k8s/arxiv-pipeline.yaml"))) {
            if (doc.get("kind").asText().equals("Deployment")) {
                String name = doc.at("/metadata/name").asText();
                assertEquals("arxiv-pipeline", doc.at("/spec/template/metadata/labels/app.kubernetes.io~1part-of").asText(), name);
                assertEquals("http", doc.at("/spec/template/spec/containers/0/ports/0/name").asText(), name);
            }
        }
    }
}
