package org.arxivpipeline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The monitoring files of {@code deploy/} (the Prometheus rules, their operator form, the Grafana dashboard)
 * as the tests read them, and the metric names their PromQL uses.
 */
final class MonitoringFiles {

    static final Path ROOT = RunningSuite.projectRoot();
    static final Path RULES = ROOT.resolve("deploy/prometheus/rules.yml");
    static final Path RULE_TESTS = ROOT.resolve("deploy/prometheus/tests/rules.test.yml");
    static final Path PROMETHEUS_CONFIG = ROOT.resolve("deploy/prometheus/prometheus.yml");
    static final Path PROMETHEUS_RULE = ROOT.resolve("deploy/k8s/monitoring/prometheus-rule.yaml");
    static final Path DASHBOARD = ROOT.resolve("deploy/grafana/dashboards/arxiv-pipeline.json");
    static final Path RUNBOOK = ROOT.resolve("docs/operations.md");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    /** PromQL's words that are not metric names: keywords and modifiers (functions are told by their "("). */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "and", "or", "unless", "on", "ignoring", "bool", "offset",
            "group_left", "group_right", "inf", "nan");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private MonitoringFiles() {
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode dashboard() {
        try {
            return JSON.readTree(DASHBOARD.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rule of rules.yml (recording and alerting). */
    static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        yaml(RULES).get("groups").forEach(group -> group.get("rules").forEach(rules::add));
        return rules;
    }

    static Set<String> alertNames() {
        Set<String> names = new TreeSet<>();
        rules().stream().filter(rule -> rule.has("alert")).forEach(rule -> names.add(rule.get("alert").asText()));
        return names;
    }

    /** The series the recording rules make (their names are not scraped, they are computed). */
    static Set<String> recordedNames() {
        Set<String> names = new TreeSet<>();
        rules().stream().filter(rule -> rule.has("record")).forEach(rule -> names.add(rule.get("record").asText()));
        return names;
    }

    /** Every PromQL expression of the rules and of the dashboard's panels. */
    static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        rules().forEach(rule -> expressions.add(rule.get("expr").asText()));
        dashboard().get("panels").forEach(panel -> panel.path("targets").forEach(target -> expressions.add(target.get("expr").asText())));
        return expressions;
    }

    /** The metric names {@code expression} selects: what is left once strings, matchers, ranges, groupings and calls are out. */
    static Set<String> metricNames(String expression) {
        String bare = expression.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*\\}", " ")
                .replaceAll("\\[[^]]*\\]", " ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher words = NAME.matcher(bare);
        while (words.find()) {
            String word = words.group();
            int after = words.end();
            while (after < bare.length() && bare.charAt(after) == ' ') {
                after++;
            }
            boolean called = after < bare.length() && bare.charAt(after) == '(';
            boolean number = words.start() > 0 && Character.isDigit(bare.charAt(words.start() - 1));
            if (!called && !number && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                names.add(word);
            }
        }
        return names;
    }

    /** Every metric name the rules and the dashboard read, recorded series and Prometheus' own {@code up} left out. */
    static Set<String> scrapedNamesUsed() {
        Set<String> names = new TreeSet<>();
        expressions().forEach(expression -> names.addAll(metricNames(expression)));
        names.removeAll(recordedNames());
        names.remove("up");
        return names;
    }
}
