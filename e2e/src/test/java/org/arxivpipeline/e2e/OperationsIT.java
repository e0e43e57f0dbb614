package org.arxivpipeline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.arxivpipeline.launcher.Launcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every metric name that an alert rule, a recording rule or the dashboard of {@code deploy/} reads is
 * exposed by the running suite, so that a renamed metric breaks the build, not the pager. The suite does
 * what a day of use does first (a search, the history and an export downloaded, a watch run), then every
 * service's {@code /q/metrics} is read.
 */
class OperationsIT {

    private static final List<String> SERVICES = List.of("frontend-service", "backend-arxiv-api", "backend-sequence",
            "backend-queries", "backend-results", "backend-watches");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RunningSuite suite;
    private static Launcher launcher;

    @BeforeAll
    static void startTheSuite() throws Exception {
        suite = RunningSuite.start("operations", Map.of("ARXIV_WATCHES_POLL", "1s", "ARXIV_WATCHES_FIRST_POLL", "1s"));
        launcher = suite.launcher;
    }

    @AfterAll
    static void stopTheSuite() {
        if (suite != null) {
            suite.stop();
        }
    }

    @Test
    void everyMetricTheRulesAndTheDashboardReadIsExposed() throws Exception {
        assertEquals(200, get("/arxiv?title=electron&max_results=5").statusCode());
        assertEquals(200, get("/queries?start_timestamp=0").statusCode());
        assertEquals(200, get("/results?format=csv").statusCode());
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(suite.frontend + "/watches"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"operations\", \"every\": \"PT6H\", \"title\": \"electron\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String watchId = MonitoringFiles.JSON.readTree(created.body()).get("watch_id").asText();
        awaitRun(watchId);

        Map<String, Set<String>> exposed = new TreeMap<>();
        Set<String> all = new TreeSet<>();
        for (String service : SERVICES) {
            Set<String> names = scrape(service);
            exposed.put(service, names);
            all.addAll(names);
        }
        Set<String> missing = new TreeSet<>(MonitoringFiles.scrapedNamesUsed());
        missing.removeAll(all);
        assertEquals(Set.of(), missing, "read by deploy/prometheus/rules.yml or the dashboard, exposed by no service");
        // the names the rules single out per service are that service's
        assertTrue(exposed.get("backend-arxiv-api").containsAll(Set.of("arxiv_calls_total", "arxiv_pacing_queue",
                "arxiv_pacing_queue_capacity", "arxiv_call_duration_seconds_bucket")), exposed.get("backend-arxiv-api").toString());
        assertTrue(exposed.get("backend-watches").contains("arxiv_watches_due_oldest_seconds"));
        assertTrue(exposed.get("frontend-service").contains("arxiv_watch_runs_total"));
        for (String service : List.of("backend-sequence", "backend-queries", "backend-results", "backend-watches")) {
            assertTrue(exposed.get(service).contains("arxiv_database_up"), service);
        }
    }

    @Test
    void everySeriesSaysWhichServiceItComesFrom() throws Exception {
        for (String service : SERVICES) {
            String metrics = metrics(service);
            for (String line : metrics.split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    assertTrue(line.contains("service=\"" + service + "\""), service + ": " + line);
                }
            }
        }
    }

    private static void awaitRun(String watchId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode watch = null;
        while (System.nanoTime() < deadline) {
            watch = MonitoringFiles.JSON.readTree(get("/watches/" + watchId).body());
            if (watch.hasNonNull("last_run")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("watch " + watchId + " did not run within 60 s: " + watch);
    }

    /** The metric names (without labels) of {@code service}'s /q/metrics. */
    private static Set<String> scrape(String service) throws Exception {
        Set<String> names = new TreeSet<>();
        for (String line : metrics(service).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static String metrics(String service) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(launcher.service(service).url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), service);
        return answer.body();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(suite.frontend + pathAndQuery)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
