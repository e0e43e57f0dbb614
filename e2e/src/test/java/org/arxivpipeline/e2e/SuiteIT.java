package org.arxivpipeline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.arxivpipeline.launcher.Launcher;
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXEntry;
import org.jbibtex.BibTeXParser;
import org.jbibtex.Key;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The suite as it runs in production: the five built jars as separate processes, an embedded
 * PostgreSQL with db/ applied, and the local arXiv stand-in, all started by the launcher of
 * {@code ./run.sh} and stopped after, even when a test fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Launcher suite;
    private static String frontend;
    private static Path runDir;

    @BeforeAll
    static void startTheSuite() throws Exception {
        RunningSuite running = RunningSuite.start("e2e");
        suite = running.launcher;
        frontend = running.frontend;
        runDir = running.runDir;
    }

    @AfterAll
    static void stopTheSuite() {
        if (suite != null) {
            suite.stop();
        }
    }

    @Test
    @Order(1)
    void aSearchIsStoredWithEveryFieldOfTheFeed() throws Exception {
        JsonNode answer = getJson("/arxiv?title=" + encode("electron") + "&author=" + encode("\"del maestro\"") + "&max_results=7", 200);
        long queryId = answer.get("query_id").asLong();
        assertEquals("ti:electron AND au:\"del maestro\"", answer.get("query").asText());
        assertEquals(25, answer.get("num_results").asLong());
        assertEquals(7, answer.get("num_entries").asInt());
        assertEquals(200, answer.get("status").asInt());
        assertTrue(answer.get("time").asText().endsWith("Z"));

        JsonNode page = getJson("/results?query_id=" + queryId + "&items_per_page=100", 200);
        assertEquals(7, page.get("total").asInt());
        assertTrue(page.get("next_cursor").isNull());
        for (int i = 0; i < 7; i++) {
            JsonNode r = page.get("results").get(i);
            String id = String.format("2401.%05dv1", i + 1);
            assertEquals(queryId, r.get("query_id").asLong());
            assertEquals(i, r.get("result_number").asInt());
            assertEquals(id, r.get("arxiv_id").asText());
            assertEquals("Sample result " + (i + 1) + " on electron del maestro", r.get("title").asText());
            assertEquals("A. Sample, B. Example", r.get("authors").asText());
            assertEquals(i % 2 == 0 ? "Phys. Rev. B " + (100 + i) + ", " + (i + 1) + " (2024)" : null, text(r, "journal"));
            assertEquals(i % 2 == 0 ? "10.1103/PhysRevB." + (100 + i) + "." + (i + 1) : null, text(r, "doi"));
            assertEquals("cond-mat.str-el", r.get("primary_category").asText());
            assertEquals("2024-01-0" + (1 + i % 9) + "T12:00:00Z", r.get("published").asText());
            assertEquals("https://arxiv.org/abs/" + id, r.get("url").asText());
            // the whole record, through arxiv-api, the frontend, write-results and read-results
            assertEquals("A sample abstract from the local arXiv stand-in.", r.get("abstract").asText());
            assertEquals(List.of("cond-mat.str-el", "cond-mat.mes-hall"), List.of(r.get("categories").get(0).asText(),
                    r.get("categories").get(1).asText()));
            assertEquals(2, r.get("categories").size());
            assertEquals("2024-01-0" + (1 + i % 9) + "T12:00:00Z", r.get("updated").asText());
            assertEquals(i % 2 == 0 ? (10 + i) + " pages, " + i + " figures" : null, text(r, "comment"));
            assertEquals("https://arxiv.org/pdf/" + id, r.get("pdf_url").asText());
        }
        try (Connection db = suite.postgres().connect("arxiv")) {
            ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM results WHERE query_id = " + queryId);
            rs.next();
            assertEquals(7, rs.getInt(1));
        }
    }

    @Test
    @Order(1)
    void aSearchWithEveryParameterIsStoredAsArxivGotItAndCanBeRunAgain() throws Exception {
        String search = "/arxiv?abstract=" + encode("electron") + "&category=" + encode("cond-mat.str-el, cond-mat.mes-hall")
                + "&submitted_from=2024-01-01&submitted_to=2024-12-31&sort_by=submitted&sort_order=ascending&start=20&max_results=10";
        JsonNode answer = getJson(search, 200);
        String query = "abs:electron AND (cat:cond-mat.str-el OR cat:cond-mat.mes-hall) AND submittedDate:[202401010000 TO 202412312359]";
        assertEquals(query, answer.get("query").asText());
        assertEquals(5, answer.get("num_entries").asInt(), "25 hits, 5 left after 20");
        assertEquals("submitted", answer.get("sort_by").asText());
        assertEquals("ascending", answer.get("sort_order").asText());
        assertEquals(20, answer.get("start").asInt());
        assertTrue(answer.get("id_list").isNull());
        assertTrue(answer.get("complete").asBoolean());
        long queryId = answer.get("query_id").asLong();
        JsonNode results = getJson("/results?query_id=" + queryId + "&items_per_page=10", 200).get("results");
        assertEquals(5, results.size());
        assertEquals("2401.00021v1", results.get(0).get("arxiv_id").asText(), "the page from start 20");

        HttpResponse<String> history = HTTP.send(HttpRequest.newBuilder(URI.create(frontend + "/queries"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"start_timestamp\": 0}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode record = null;
        for (JsonNode r : JSON.readTree(history.body())) {
            if (r.get("query_id").asLong() == queryId) {
                record = r;
            }
        }
        assertEquals("ArXiv Query: " + query, record.get("query").asText());
        assertEquals("submitted", record.get("sort_by").asText());
        assertEquals("ascending", record.get("sort_order").asText());
        assertEquals(20, record.get("start").asInt());
        assertTrue(record.get("complete").asBoolean());

        JsonNode byIds = getJson("/arxiv?ids=" + encode("2405.01234, hep-th/9901001v2"), 200);
        assertEquals("", byIds.get("query").asText(), "ids alone: no search_query");
        assertEquals("2405.01234,hep-th/9901001v2", byIds.get("id_list").asText());
        assertEquals(2, byIds.get("num_entries").asInt());
        JsonNode papers = getJson("/results?query_id=" + byIds.get("query_id").asLong(), 200).get("results");
        assertEquals("2405.01234v1", papers.get(0).get("arxiv_id").asText());
        assertEquals("hep-th/9901001v2", papers.get(1).get("arxiv_id").asText());
        assertEquals("https://arxiv.org/pdf/hep-th/9901001v2", papers.get(1).get("pdf_url").asText());
        JsonNode paper = getJson("/papers/hep-th/9901001", 200);
        assertEquals("hep-th/9901001", paper.get("arxiv_id").asText());
        assertEquals("hep-th/9901001v2", paper.get("latest").get("arxiv_id").asText());
        assertEquals(byIds.get("query_id").asLong(), paper.get("query_ids").get(0).asLong(), "the one query that found it");
        assertEquals(404, get("/papers/2405.99999").statusCode());

        HttpResponse<String> unknown = get("/arxiv?category=cs.lg");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("did you mean cs.LG"), unknown.body());
    }

    @Test
    @Order(2)
    void resultsPageToTheEndByCursor() throws Exception {
        long queryId = getJson("/arxiv?journal=" + encode("Phys. Rev.") + "&max_results=23", 200).get("query_id").asLong();
        List<Integer> numbers = new ArrayList<>();
        String next = "/results?query_id=" + queryId + "&items_per_page=5";
        int pages = 0;
        while (next != null && pages++ < 10) {
            HttpResponse<String> response = get(next);
            assertEquals(200, response.statusCode());
            JsonNode page = JSON.readTree(response.body());
            page.get("results").forEach(r -> numbers.add(r.get("result_number").asInt()));
            String link = response.headers().firstValue("Link").orElse(null);
            next = link == null ? null : URI.create(link.substring(link.indexOf('<') + 1, link.indexOf('>'))).getRawPath()
                    + "?" + URI.create(link.substring(link.indexOf('<') + 1, link.indexOf('>'))).getRawQuery();
            if (link == null) {
                assertTrue(page.get("next_cursor").isNull());
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            expected.add(i);
        }
        assertEquals(expected, numbers);
        assertEquals(5, pages);
    }

    @Test
    @Order(3)
    void storedResultsAreFilteredAndDownloadedInEveryFormat() throws Exception {
        long queryId = getJson("/arxiv?title=" + encode("electron") + "&max_results=6", 200).get("query_id").asLong();
        String of = "/results?query_id=" + queryId;
        JsonNode page = getJson(of + "&items_per_page=100", 200);
        assertEquals(6, page.get("total").asInt());
        assertEquals(6, getJson(of + "&q=" + encode("sample electron") + "&category=cond-mat.mes-hall&author=example", 200).get("total").asInt());
        assertEquals(0, getJson(of + "&q=" + encode("-electron"), 200).get("total").asInt());
        assertEquals(1, getJson(of + "&arxiv_id=2401.00003", 200).get("total").asInt());

        HttpResponse<String> csv = get(of + "&format=csv");
        assertEquals(200, csv.statusCode());
        assertEquals("attachment; filename=\"results_" + queryId + ".csv\"", csv.headers().firstValue("Content-Disposition").orElse(""));
        try (CSVParser parser = CSVParser.parse(csv.body(), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            List<CSVRecord> rows = parser.getRecords();
            assertEquals(6, rows.size());
            for (int i = 0; i < 6; i++) {
                assertEquals(page.get("results").get(i).get("title").asText(), rows.get(i).get("title"));
                assertEquals(page.get("results").get(i).get("abstract").asText(), rows.get(i).get("abstract"));
            }
        }
        BibTeXDatabase bibtex = new BibTeXParser().parse(new java.io.StringReader(get(of + "&format=bibtex").body()));
        assertEquals(6, bibtex.getEntries().size());
        for (JsonNode result : page.get("results")) {
            assertTrue(bibtex.getEntries().values().stream().anyMatch(entry -> entry.getField(new Key("eprint")).toUserString()
                    .equals(result.get("arxiv_id").asText()) && entry.getField(BibTeXEntry.KEY_TITLE).toUserString()
                    .equals(result.get("title").asText())), result.get("arxiv_id").asText());
        }
        String ris = get(of + "&format=ris").body();
        assertEquals(6, ris.split("TY  - PREP\r\n", -1).length - 1);
        assertEquals(6, ris.split("ER  - \r\n", -1).length - 1);
        String[] lines = get(of + "&format=jsonl").body().split("\n");
        assertEquals(6, lines.length);
        for (int i = 0; i < 6; i++) {
            assertEquals(page.get("results").get(i), JSON.readTree(lines[i]));
        }
        HttpResponse<String> history = get("/queries?start_timestamp=2024-01-01&format=csv");
        assertEquals(200, history.statusCode());
        assertTrue(history.body().startsWith("query_id,timestamp,time,status,"), history.body());
        assertTrue(history.body().contains("ArXiv Query: ti:electron"), history.body());
    }

    @Test
    @Order(3)
    void theHistoryDownloadsInSeveralTimeForms() throws Exception {
        for (String start : new String[] {"2024-01-01", "2024-01-01T00:00:00Z", "1704067200", "2024-01-01T01:00:00+01:00"}) {
            HttpResponse<String> response = get("/queries?start_timestamp=" + encode(start));
            assertEquals(200, response.statusCode(), start);
            assertTrue(response.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename=\"queries_1704067200_"));
            JsonNode history = JSON.readTree(response.body());
            assertTrue(history.size() >= 2, start);
            for (JsonNode record : history) {
                assertTrue(record.get("query").asText().startsWith("ArXiv Query: "));
            }
        }
        HttpResponse<String> inline = HTTP.send(HttpRequest.newBuilder(URI.create(frontend + "/queries"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"start_timestamp\": 1704067200}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, inline.statusCode());
        assertTrue(inline.headers().firstValue("Content-Disposition").isEmpty());
    }

    @Test
    @Order(4)
    void invalidInputIsAProblemListingTheFields() throws Exception {
        HttpResponse<String> response = get("/arxiv?max_results=0");
        assertEquals(400, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(8, JSON.readTree(response.body()).get("errors").size(), "the seven fields of which one is needed, and max_results");
        assertEquals(400, get("/queries?start_timestamp=yesterday").statusCode());
        assertEquals(404, get("/nope").statusCode());
    }

    @Test
    @Order(5)
    void aKilledBackendIsA503AndLeavesNoQueryThenSearchesWorkAgain() throws Exception {
        long before = countQueries();
        suite.service("backend-queries").stop();
        try {
            HttpResponse<String> response = get("/arxiv?title=" + encode("while queries is down"));
            assertEquals(503, response.statusCode(), response.body());
            assertTrue(response.headers().firstValue("Retry-After").isPresent());
            assertEquals(before, countQueries(), "no queries row for a failed search");
        } finally {
            suite.service("backend-queries").start();
            suite.service("backend-queries").awaitReady(Duration.ofSeconds(60));
        }
        assertEquals(200, awaitStatus("/arxiv?title=" + encode("queries is back"), 200, Duration.ofSeconds(20)));
        assertEquals(before + 1, countQueries());
    }

    @Test
    @Order(6)
    void theServicesRecoverFromAPostgresRestartByThemselves() throws Exception {
        suite.postgres().stop();
        try {
            assertEquals(503, get("/arxiv?title=" + encode("database down")).statusCode());
        } finally {
            suite.postgres().start();
        }
        assertEquals(200, awaitStatus("/arxiv?title=" + encode("database back"), 200, Duration.ofSeconds(20)));
        assertEquals(200, get("/results?items_per_page=1").statusCode());
    }

    @Test
    @Order(7)
    void aRequestIdReachesTheLogLinesOfEveryServiceOnItsPath() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(frontend + "/arxiv?title=" + encode("traced search")))
                .header("X-Request-ID", "e2e-trace-7").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("e2e-trace-7", response.headers().firstValue("X-Request-ID").orElse(null));
        // the services write JSON lines as in production; NOTICE lines of this request on each service it
        // reached, all with the same trace id (traceparent crossed every call)
        java.util.Set<String> traceIds = new java.util.HashSet<>();
        for (String service : List.of("frontend-service", "backend-arxiv-api", "backend-queries", "backend-results")) {
            Path log = runDir.resolve("logs").resolve(service + ".log");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            boolean found = false;
            while (!found && System.nanoTime() < deadline) {
                for (String line : Files.readAllLines(log)) {
                    if (line.startsWith("{") && line.contains("\"request_id\":\"e2e-trace-7\"")) {
                        JsonNode json = JSON.readTree(line);
                        assertEquals(service, json.get("service").asText());
                        assertTrue(json.has("level") && json.has("message"));
                        assertTrue(json.at("/mdc/traceId").asText().matches("[0-9a-f]{32}"), line);
                        traceIds.add(json.at("/mdc/traceId").asText());
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    Thread.sleep(200);
                }
            }
            assertTrue(found, "no log line of " + service + " carries the request id");
        }
        assertEquals(1, traceIds.size(), "one trace across the services: " + traceIds);
    }

    @Test
    @Order(8)
    void theOpenApiDocumentListsEveryPublicEndpointAndItsProblems() throws Exception {
        HttpResponse<String> response = get("/q/openapi?format=json");
        assertEquals(200, response.statusCode());
        JsonNode paths = JSON.readTree(response.body()).get("paths");
        for (String path : List.of("/arxiv", "/queries", "/results")) {
            assertTrue(paths.has(path), path);
        }
        JsonNode search = paths.get("/arxiv").get("get").get("responses");
        for (String status : List.of("200", "400", "429", "502", "503", "504")) {
            assertTrue(search.has(status), "/arxiv documents " + status);
        }
        assertTrue(paths.get("/queries").has("post"));
        assertEquals(200, get("/q/swagger-ui/").statusCode());
    }

    @Test
    @Order(9)
    void anInvalidLogLevelStopsAServiceAtStartWithAClearMessage() throws Exception {
        Path root = RunningSuite.projectRoot();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", root.resolve("backend-arxiv-api/target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true);
        builder.environment().put("LOG_LEVEL", "LOUD");
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(RunningSuite.freePort()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(process.exitValue() != 0, "exit " + process.exitValue());
        assertTrue(output.contains("LOUD"), output);
    }

    /**
     * Eight clients search while each backend in turn is killed (SIGKILL) and started again, then while
     * PostgreSQL restarts: every answer is a 200 or a contract problem within the deadline; no query is
     * stored without all its results; no result is stored twice; once the dependency is back, searches
     * succeed within 10 s, and a burst after the recovery succeeds whole (no pool left exhausted).
     */
    @Test
    @Order(10)
    void searchesUnderBackendCrashesStayConsistent() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        try {
            for (String backend : List.of("backend-arxiv-api", "backend-sequence", "backend-queries", "backend-results", "postgres")) {
                AtomicBoolean running = new AtomicBoolean(true);
                List<Future<?>> load = new ArrayList<>();
                for (int c = 0; c < 8; c++) {
                    int client = c;
                    load.add(clients.submit(() -> {
                        int n = 0;
                        // bounded in time (running) and in count
                        while (running.get() && n < 1000) {
                            long start = System.nanoTime();
                            HttpResponse<String> response = get("/arxiv?title=" + encode("crash " + backend + " " + client + " " + n++));
                            long ms = (System.nanoTime() - start) / 1_000_000;
                            int status = response.statusCode();
                            statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                            assertTrue(List.of(200, 429, 502, 503, 504).contains(status), status + ": " + response.body());
                            if (status != 200) {
                                assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
                            }
                            assertTrue(ms < 30_000, "answered after " + ms + " ms");
                            if (status != 200) {
                                Thread.sleep(20);
                            }
                        }
                        return null;
                    }));
                }
                Thread.sleep(1500);
                if (backend.equals("postgres")) {
                    suite.postgres().stop();
                    Thread.sleep(2000);
                    suite.postgres().start();
                } else {
                    suite.service(backend).kill();
                    Thread.sleep(2000);
                    suite.service(backend).start();
                    suite.service(backend).awaitReady(Duration.ofSeconds(60));
                }
                running.set(false);
                for (Future<?> f : load) {
                    f.get(60, TimeUnit.SECONDS);
                }
                assertEquals(200, awaitStatus("/arxiv?title=" + encode("after " + backend), 200, Duration.ofSeconds(10)), backend);
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.println("Searches during backend crashes and a PostgreSQL restart, by status: " + statuses);
        // no pool left exhausted: once the frontend's circuits have closed again (half-open, they let two
        // trial calls through; two successes close them), a burst succeeds whole
        for (int i = 0; i < 3; i++) {
            assertEquals(200, awaitStatus("/arxiv?title=" + encode("closing the circuits " + i), 200, Duration.ofSeconds(15)));
            assertEquals(200, awaitStatus("/results?items_per_page=5", 200, Duration.ofSeconds(15)));
        }
        ExecutorService burst = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String title = encode("burst after recovery " + i);
                answers.add(burst.submit(() -> get("/arxiv?title=" + title).statusCode()));
                answers.add(burst.submit(() -> get("/results?items_per_page=5").statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            burst.shutdownNow();
        }
        try (Connection db = suite.postgres().connect("arxiv")) {
            ResultSet incomplete = db.createStatement().executeQuery(
                    "SELECT count(*) FROM queries q LEFT JOIN (SELECT query_id, count(*) AS stored FROM results GROUP BY query_id) r"
                            + " USING (query_id) WHERE coalesce(r.stored, 0) <> q.num_entries");
            incomplete.next();
            assertEquals(0, incomplete.getLong(1), "queries without all their results");
            ResultSet duplicated = db.createStatement().executeQuery(
                    "SELECT count(*) FROM (SELECT query_id, result_number FROM results GROUP BY 1, 2 HAVING count(*) > 1) d");
            duplicated.next();
            assertEquals(0, duplicated.getLong(1), "results stored twice");
        }
        assertTrue(statuses.containsKey(200));
    }

    private static int awaitStatus(String path, int wanted, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int status = -1;
        while (System.nanoTime() < deadline) {
            status = get(path).statusCode();
            if (status == wanted) {
                return status;
            }
            Thread.sleep(500);
        }
        return status;
    }

    private static long countQueries() throws Exception {
        try (Connection db = suite.postgres().connect("arxiv")) {
            ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM queries");
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(frontend + path)).timeout(Duration.ofSeconds(40)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String path, int status) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertNotNull(body);
        return body;
    }

    private static String text(JsonNode node, String field) {
        return node.get(field) == null || node.get(field).isNull() ? null : node.get(field).asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
