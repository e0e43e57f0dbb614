package org.arxivpipeline.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;


import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated hostile input against every public endpoint of the running suite: whatever a client sends,
 * the answer is a 2xx or a 4xx problem — never a 5xx, never a stack trace, class name or SQL. jqwik
 * prints the seed of a failing run, so it reproduces.
 */
class HostileInputIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static RunningSuite suite;
    private static String frontend;

    @BeforeContainer
    static void start() throws Exception {
        suite = RunningSuite.start("fuzz");
        frontend = suite.frontend;
    }

    @AfterContainer
    static void stop() {
        if (suite != null) {
            suite.stop();
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(10),
                Arbitraries.of("", " ", "\"", "\"\"", "'", "OR", "ANDNOT", "a OR b", "(x", "au:x", "ti:\"y",
                        "'; DROP TABLE queries; --", "1=1", "%00", "%", "&max_results=30000", "#frag", "../../etc/passwd",
                        "<script>alert(1)</script>", "${jndi:ldap://x}", "\\u0000", "🦄 ω Ramírez", "\uD800", "NaN", "null",
                        "x".repeat(301), "y".repeat(5000), "$\\alpha$", "{\"a\":[[[[]]]]}"),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12));
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "0", "1", "-1", "2000", "2001", "100", "101", "9223372036854775807", "9223372036854775808",
                        "-9223372036854775808", "99999999999999999999999", "1e3", "0x10", "1.5", " 7 ", "+3", "abc", "NaN", "١٢"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.integers().between(-5, 2005).map(String::valueOf));
    }

    @Property(tries = 150)
    void searchesNeverFailOnTheServerSide(@ForAll("hostile") String author, @ForAll("hostile") String title,
            @ForAll("hostile") String journal, @ForAll("numbers") String maxResults) throws Exception {
        check(get("/arxiv?author=" + enc(author) + "&title=" + enc(title) + "&journal=" + enc(journal)
                + "&max_results=" + enc(maxResults)));
    }

    @Property(tries = 400)
    void resultPagesNeverFailOnTheServerSide(@ForAll("numbers") String queryId, @ForAll("numbers") String page,
            @ForAll("numbers") String itemsPerPage, @ForAll("hostile") String cursor) throws Exception {
        check(get("/results?query_id=" + enc(queryId) + "&page=" + enc(page) + "&items_per_page=" + enc(itemsPerPage)
                + "&cursor=" + enc(cursor)));
    }

    @Property(tries = 300)
    void historyRangesNeverFailOnTheServerSide(@ForAll("hostile") String start, @ForAll("numbers") String end) throws Exception {
        check(get("/queries?start_timestamp=" + enc(start) + "&end_timestamp=" + enc(end)));
    }

    @Property(tries = 300)
    void historyBodiesNeverFailOnTheServerSide(@ForAll("hostile") String body, @ForAll("hostile") String contentType) throws Exception {
        String type = contentType.isBlank() || contentType.chars().anyMatch(c -> c < 32 || c > 126) ? "application/json" : contentType;
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(frontend + "/queries"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        check(response);
    }

    @Property(tries = 200)
    void unknownPathsAndMethodsAreProblems(@ForAll("hostile") String path) throws Exception {
        String safe = enc(path).replace("%2F", "/");
        check(get("/" + safe));
    }

    private static void check(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500 || status < 200) {
            throw new AssertionError("status " + status + " for " + response.uri() + ": " + response.body());
        }
        if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            boolean problem = type.startsWith("application/problem+json");
            // 414/431 are refused by the HTTP codec before any handler runs
            if (!problem && status != 414 && status != 431) {
                throw new AssertionError("status " + status + " without a problem body for " + response.uri() + ": " + type);
            }
        }
        String body = response.body();
        for (String leak : List.of("Exception", "at org.", "at java.", "SQLState", "PgException", "io.vertx", "org.jboss")) {
            if (body.contains(leak)) {
                throw new AssertionError("internals in the answer to " + response.uri() + ": " + body);
            }
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(frontend + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
