package org.arxivpipeline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The alert and recording rules of {@code deploy/prometheus} as promtool (Debian's prometheus package,
 * installed by tools/ensure-promtool.sh) checks and unit-tests them; every alert has a test that fires it and
 * one where it stays silent, a runbook entry, and the same definition in the operator's PrometheusRule.
 */
class AlertRulesIT {

    @Test
    void theRulesAndTheConfigurationPassPromtoolsChecks() throws Exception {
        assertPromtool("check", "rules", MonitoringFiles.RULES.toString());
        assertPromtool("check", "config", MonitoringFiles.PROMETHEUS_CONFIG.toString());
    }

    @Test
    void everyAlertFiresOnItsSeriesAndStaysSilentOnOthers() throws Exception {
        assertPromtool("test", "rules", MonitoringFiles.RULE_TESTS.toString());
        Set<String> fired = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (JsonNode test : MonitoringFiles.yaml(MonitoringFiles.RULE_TESTS).get("tests")) {
            for (JsonNode expectation : test.path("alert_rule_test")) {
                (expectation.get("exp_alerts").isEmpty() ? silent : fired).add(expectation.get("alertname").asText());
            }
        }
        Set<String> alerts = MonitoringFiles.alertNames();
        assertEquals(alerts, fired, "alerts with a test that fires them");
        assertEquals(alerts, silent, "alerts with a test where they stay silent");
    }

    @Test
    void everyAlertHasASeveritySummaryAndRunbookEntry() throws IOException {
        String runbook = Files.readString(MonitoringFiles.RUNBOOK, StandardCharsets.UTF_8);
        for (JsonNode rule : MonitoringFiles.rules()) {
            if (!rule.has("alert")) {
                continue;
            }
            String name = rule.get("alert").asText();
            assertTrue(Set.of("critical", "warning").contains(rule.path("labels").path("severity").asText()), name + " severity");
            assertFalse(rule.path("annotations").path("summary").asText().isBlank(), name + " summary");
            assertEquals("docs/operations.md#" + name.toLowerCase(Locale.ROOT), rule.path("annotations").path("runbook").asText(), name);
            assertTrue(runbook.contains("\n### " + name + "\n"), "docs/operations.md has no section '### " + name + "'");
        }
    }

    @Test
    void theOperatorsPrometheusRuleHasTheSameGroups() {
        JsonNode operatorForm = MonitoringFiles.yaml(MonitoringFiles.PROMETHEUS_RULE);
        assertEquals("PrometheusRule", operatorForm.get("kind").asText());
        assertEquals(MonitoringFiles.yaml(MonitoringFiles.RULES).get("groups"), operatorForm.get("spec").get("groups"),
                "deploy/k8s/monitoring/prometheus-rule.yaml differs from deploy/prometheus/rules.yml: regenerate it");
    }

    @Test
    void theDashboardIsValidAndReadsOnlyWhatTheRulesOrTheServicesProvide() {
        JsonNode dashboard = MonitoringFiles.dashboard();
        assertEquals("arxiv-pipeline", dashboard.get("uid").asText());
        int targets = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                assertEquals("prometheus", target.get("datasource").get("uid").asText(), panel.get("title").asText());
                assertFalse(target.get("expr").asText().isBlank(), panel.get("title").asText());
                targets++;
            }
        }
        assertTrue(targets >= 30, "targets: " + targets);
        // the names OperationsIT looks for in the running suite: those of the rules and of the dashboard, none
        // a recorded series that no rule defines
        Set<String> used = MonitoringFiles.scrapedNamesUsed();
        assertTrue(used.containsAll(Set.of("arxiv_calls_total", "http_server_requests_seconds_bucket", "sql_pool_ratio",
                "arxiv_database_up", "arxiv_watches_due_oldest_seconds", "jvm_memory_used_bytes", "results_exported_total")), used.toString());
        for (String name : used) {
            assertFalse(name.contains(":"), name + " looks recorded but no rule records it");
        }
    }

    @Test
    void metricNamesAreReadOutOfPromQl() {
        assertEquals(Set.of("arxiv_calls_total"), MonitoringFiles.metricNames(
                "sum by (outcome) (rate(arxiv_calls_total{outcome!~\"ok|cancelled\"}[5m])) > 0.2"));
        assertEquals(Set.of("http_server_requests_seconds_bucket"), MonitoringFiles.metricNames(
                "histogram_quantile(0.99, sum by (service, uri, le) (rate(http_server_requests_seconds_bucket{uri!~\"/q/.*\"}[5m])))"));
        assertEquals(Set.of("a_total", "b:c:rate5m"), MonitoringFiles.metricNames("a_total / on (x) group_left (y) b:c:rate5m and 1e3 > 2"));
    }

    private static void assertPromtool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process promtool;
        try {
            promtool = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException missing) {
            throw new AssertionError("promtool is missing: apt-get install prometheus (tools/ensure-promtool.sh does it as root)", missing);
        }
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, promtool.waitFor(), String.join(" ", command) + ":\n" + output);
    }
}
