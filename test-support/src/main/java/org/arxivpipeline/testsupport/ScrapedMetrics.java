package org.arxivpipeline.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A service's {@code /q/metrics} read as a Prometheus scraper reads it: one line per series,
 * {@code name{label="x",...} value}. The tests' one reader of it.
 */
public final class ScrapedMetrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<String> lines;

    private ScrapedMetrics(String body) {
        this.lines = body.lines().filter(line -> !line.startsWith("#")).toList();
    }

    /** The metrics in {@code body}. */
    public static ScrapedMetrics of(String body) {
        return new ScrapedMetrics(body);
    }

    /** The metrics the service on {@code localhost:port} exposes now (a test's own service: {@code RestAssured.port}). */
    public static ScrapedMetrics scrape(int port) {
        return scrape(URI.create("http://localhost:" + port));
    }

    /** The metrics the service at {@code base} exposes now. */
    public static ScrapedMetrics scrape(URI base) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(base.resolve("/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError(base + "/q/metrics answered " + answer.statusCode());
            }
            return of(answer.body());
        } catch (IOException e) {
            throw new AssertionError(base + "/q/metrics could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The value of the first series whose line starts with {@code nameAndFirstLabels}: a name alone
     * ({@code arxiv_watches}) or a name with its first labels ({@code arxiv_database_up{datasource="read"}).
     */
    public double value(String nameAndFirstLabels) {
        return lines.stream().filter(line -> matches(line, nameAndFirstLabels)).findFirst().map(ScrapedMetrics::valueOf)
                .orElseThrow(() -> new AssertionError(nameAndFirstLabels + " is not exposed"));
    }

    /** The sum of every series of the metric {@code name} (all its label sets); an AssertionError when it has none. */
    public double sum(String name) {
        List<String> series = lines.stream().filter(line -> matches(line, name)).toList();
        if (series.isEmpty()) {
            throw new AssertionError(name + " is not exposed");
        }
        return series.stream().mapToDouble(ScrapedMetrics::valueOf).sum();
    }

    private static boolean matches(String line, String nameAndFirstLabels) {
        // a bare name must not match a longer name it begins (arxiv_watches vs arxiv_watches_due)
        return nameAndFirstLabels.contains("{") ? line.startsWith(nameAndFirstLabels)
                : line.startsWith(nameAndFirstLabels + "{") || line.startsWith(nameAndFirstLabels + " ");
    }

    private static double valueOf(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
