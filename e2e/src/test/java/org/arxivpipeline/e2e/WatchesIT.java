package org.arxivpipeline.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.arxivpipeline.launcher.Launcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;

/**
 * Issue 24, "Watch a topic", end to end: watches made through the public API, run by the frontend's own
 * runner against the arXiv stand-in, their queries and results in the real PostgreSQL. Each test has a watch
 * of its own (its own topic), so the tests do not depend on their order. The stand-in answers a search the same
 * way every time: entries 2401.00001v1, 2401.00002v1, … published 2024-01-01, 2024-01-02, …, so a second run
 * of a watch finds exactly what the first found.
 * <p>
 * One frontend, running one watch at a time under a 40 s lease (about the least that holds a run: the
 * search's 29 s deadline, 5 s for its report, 5 s for the claim), so that a run whose runner was killed is
 * taken over within the test.
 */
class WatchesIT {

    /** A watch's search asks for this many papers: 7 distinct publication days, so "newest first" has one order. */
    private static final int PAPERS = 7;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** A run on a busy 2-core machine: claimed within a poll (1 s), one arXiv call, 14 rows written. */
    private static final Duration RUN_BOUND = Duration.ofSeconds(60);

    private static RunningSuite suite;
    private static Launcher launcher;

    @BeforeAll
    static void startTheSuite() throws Exception {
        // the runner looks for due runs every second (30 s in production), the first time 1 s after start; a
        // failed run is tried again after 3 s, doubled at each failure in a row (5 min in production)
        suite = RunningSuite.start("watches", Map.of("ARXIV_WATCHES_POLL", "1s", "ARXIV_WATCHES_FIRST_POLL", "1s",
                "ARXIV_WATCHES_RETRY_AFTER_FAILURE", "3s", "ARXIV_WATCHES_RUNS_AT_ONCE", "1", "ARXIV_WATCHES_LEASE", "40s"));
        launcher = suite.launcher;
    }

    @AfterAll
    static void stopTheSuite() {
        if (suite != null) {
            suite.stop();
        }
    }

    @Test
    void aWatchRunsOnItsOwnAndASecondRunMarksOnlyWhatItHadNotSeenAsNew() throws Exception {
        HttpResponse<String> created = createWatch("graphene weekly", "graphene");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode watch = JSON.readTree(created.body());
        long watchId = watch.get("watch_id").asLong();
        assertEquals("/watches/" + watchId, URI.create(created.headers().firstValue("Location").orElseThrow()).getPath());
        assertEquals("graphene weekly", watch.get("name").asText());
        assertEquals("PT6H", watch.get("every").asText());
        assertEquals("graphene", watch.at("/search/title").asText());
        assertTrue(watch.get("last_run").isNull(), "not run yet: " + watch);
        assertTrue(watch.get("last_query_id").isNull(), watch.toString());
        long createdAt = watch.get("created").asLong();

        // nobody asks for it: the frontend's runner finds it due (its first run is due at once)
        JsonNode first = awaitWatch(watchId, w -> w.hasNonNull("last_run"));
        long firstQuery = first.get("last_query_id").asLong();
        long firstRun = first.get("last_run").asLong();
        assertTrue(first.get("last_error").isNull(), first.toString());
        assertEquals(PAPERS, first.get("new_papers").asInt(), "everything is new to a first run: " + first);
        assertTrue(firstRun >= createdAt, first.toString());
        // a success: due again one period (6 h) after the run, not before
        assertEquals(firstRun + 6 * 3600, first.get("next_run").asLong(), first.toString());

        // an ordinary search in the history, sorted as every run is, and carrying its watch
        JsonNode record = historyRecord(firstQuery);
        assertEquals(watchId, record.get("watch_id").asLong(), record.toString());
        assertEquals("ArXiv Query: ti:graphene", record.get("query").asText());
        assertEquals("submitted", record.get("sort_by").asText());
        assertEquals("descending", record.get("sort_order").asText());
        assertEquals(0, record.get("start").asInt());
        assertEquals(PAPERS, record.get("num_entries").asInt());
        assertTrue(record.get("complete").asBoolean());
        assertEquals(watchId, count("SELECT watch_id FROM queries WHERE query_id = " + firstQuery), "queries.watch_id in the database");
        assertEquals(PAPERS, count("SELECT count(*) FROM results WHERE query_id = " + firstQuery));

        JsonNode papers = newPapers(watchId);
        assertEquals(PAPERS, papers.get("total").asInt());
        assertEquals(newestFirst(), ids(papers), "newest first: by first_seen, then published");
        List<Long> firstSeen = new ArrayList<>();
        for (JsonNode paper : papers.get("results")) {
            assertEquals(firstQuery, paper.get("query_id").asLong(), "found by the first run: " + paper);
            assertEquals("Sample result " + (Integer.parseInt(paper.get("arxiv_id").asText().substring(5, 10))) + " on graphene",
                    paper.get("title").asText());
            long seen = paper.get("first_seen").asLong();
            // both on the database's clock: the run's papers are recorded just before the run itself
            assertTrue(seen >= createdAt && seen <= firstRun, seen + " not within " + createdAt + ".." + firstRun);
            firstSeen.add(seen);
        }

        // run again through the public API: the stand-in answers what it answered before, so nothing is new
        assertEquals(202, post("/watches/" + watchId + "/run").statusCode());
        JsonNode second = awaitWatch(watchId, w -> w.get("last_query_id").asLong() != firstQuery);
        long secondQuery = second.get("last_query_id").asLong();
        assertEquals(0, second.get("new_papers").asInt(), "the second run's papers were all seen by the first: " + second);
        assertTrue(second.get("last_error").isNull(), second.toString());
        assertTrue(second.get("last_run").asLong() >= firstRun, second.toString());
        assertEquals(2, count("SELECT count(*) FROM queries WHERE watch_id = " + watchId), "two runs, two stored queries");
        assertEquals(PAPERS, count("SELECT count(*) FROM results WHERE query_id = " + secondQuery), "the second run's results are stored too");
        assertEquals(watchId, historyRecord(secondQuery).get("watch_id").asLong());

        // the papers keep their first sighting: the first run's record and first_seen
        JsonNode after = newPapers(watchId);
        assertEquals(PAPERS, after.get("total").asInt());
        assertEquals(newestFirst(), ids(after));
        for (int i = 0; i < PAPERS; i++) {
            JsonNode paper = after.get("results").get(i);
            assertEquals(firstQuery, paper.get("query_id").asLong(), "still the first run's record: " + paper);
            assertEquals(firstSeen.get(i), paper.get("first_seen").asLong(), "first_seen kept: " + paper);
        }
    }

    @Test
    void aRunThatFailsAtArxivShowsItsErrorIsTriedAgainAfterAGrowingBackOffThenSucceeds() throws Exception {
        launcher.arxivStubFailWith(503);
        long watchId;
        try {
            HttpResponse<String> created = createWatch("arxiv outage", "outage");
            assertEquals(201, created.statusCode(), created.body());
            watchId = JSON.readTree(created.body()).get("watch_id").asLong();

            // arXiv answers 503 to every call (arxiv-api retries, then answers 503): the run failed, and says why
            JsonNode failed = awaitWatch(watchId, w -> w.hasNonNull("last_error"));
            assertTrue(failed.get("last_error").asText().contains("arXiv is unavailable (503)"), failed.toString());
            assertTrue(failed.get("last_query_id").isNull(), "a failed run stores no query: " + failed);
            assertEquals(0, count("SELECT count(*) FROM queries WHERE watch_id = " + watchId));
            // tried again after the back-off: 3 s after the first failure, 6 s after the second in a row
            assertEquals(3, failed.get("next_run").asLong() - failed.get("last_run").asLong(), failed.toString());
            // after n failures in a row the next try is 3 s x 2^(n-1) after the last (read between two tries, unclaimed)
            await("the back-off doubled").atMost(RUN_BOUND).until(() -> count("SELECT count(*) FROM watches WHERE watch_id = " + watchId
                    + " AND failures >= 2 AND claim IS NULL AND last_error IS NOT NULL"
                    + " AND next_run - last_run = 3 * power(2, failures - 1)::bigint") == 1);
        } finally {
            launcher.arxivStubFailWith(0);
        }

        // arXiv is back: the next try succeeds, the error is gone and the watch keeps its period again
        JsonNode recovered = awaitWatch(watchId, w -> w.hasNonNull("last_query_id"));
        assertTrue(recovered.get("last_error").isNull(), recovered.toString());
        assertEquals(PAPERS, recovered.get("new_papers").asInt(), recovered.toString());
        assertEquals(recovered.get("last_run").asLong() + 6 * 3600, recovered.get("next_run").asLong(), recovered.toString());
        assertEquals(0, count("SELECT failures FROM watches WHERE watch_id = " + watchId), "the back-off starts over");
        assertEquals(watchId, count("SELECT watch_id FROM queries WHERE query_id = " + recovered.get("last_query_id").asLong()));
    }

    @Test
    void aRunWhoseFrontendIsKilledMidSearchIsTakenOverWhenItsLeaseEndsAndStoredOnce() throws Exception {
        // arXiv slow: the run's call waits at the stand-in while its frontend is killed
        launcher.arxivStubDelay(Duration.ofSeconds(60));
        long watchId;
        long leaseEnd;
        try {
            HttpResponse<String> created = createWatch("killed runner", "takeover");
            assertEquals(201, created.statusCode(), created.body());
            watchId = JSON.readTree(created.body()).get("watch_id").asLong();
            await("the run's call at arXiv").atMost(RUN_BOUND).until(() -> launcher.arxivStubSearches().contains("ti:takeover"));
            // claimed: next_run moved to the end of the lease
            leaseEnd = count("SELECT next_run FROM watches WHERE watch_id = " + watchId + " AND claim IS NOT NULL");
            launcher.service("frontend-service").kill();
        } finally {
            launcher.arxivStubDelay(Duration.ZERO);
        }
        launcher.service("frontend-service").start();
        launcher.service("frontend-service").awaitReady(Duration.ofSeconds(60));

        // nobody reports the killed run: the frontend started again claims it once its lease has ended
        JsonNode ran = awaitWatch(watchId, w -> w.hasNonNull("last_query_id"));
        assertTrue(ran.get("last_run").asLong() >= leaseEnd, "taken over at " + ran.get("last_run") + ", the lease ended at " + leaseEnd);
        assertTrue(ran.get("last_error").isNull(), ran.toString());
        assertEquals(PAPERS, ran.get("new_papers").asInt(), ran.toString());
        assertEquals(1, count("SELECT count(*) FROM queries WHERE watch_id = " + watchId), "the killed run stored nothing: one query");
    }

    @Test
    void theFeedHasAnEntryPerNewPaperNewestFirst() throws Exception {
        long watchId = watchThatRan("superconductor feed", "superconductor");
        JsonNode watch = getJson("/watches/" + watchId);
        long queryId = watch.get("last_query_id").asLong();

        HttpResponse<String> answer = get("/watches/" + watchId + "/feed.atom");
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/atom+xml"),
                answer.headers().map().toString());
        SyndFeed feed = new SyndFeedInput().build(new StringReader(answer.body()));
        assertEquals("atom_1.0", feed.getFeedType());
        assertEquals("superconductor feed", feed.getTitle());
        assertTrue(feed.getUri().endsWith("/watches/" + watchId + "/feed.atom"), feed.getUri());

        // the papers the run stored, read from the database: one entry for each, nothing else
        Set<String> stored = new HashSet<>();
        try (Connection db = launcher.postgres().connect("arxiv");
                ResultSet rs = db.createStatement().executeQuery("SELECT url FROM results WHERE query_id = " + queryId)) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        assertEquals(PAPERS, stored.size());
        List<SyndEntry> entries = feed.getEntries();
        assertEquals(watch.get("new_papers").asInt(), entries.size(), "one entry per new paper");
        List<String> expected = newestFirst().stream().map(id -> "https://arxiv.org/abs/" + id).toList();
        assertEquals(expected, entries.stream().map(SyndEntry::getUri).toList(), "ids: the abstract pages, newest first");
        assertEquals(expected, entries.stream().map(SyndEntry::getLink).toList(), "links: the abstract pages");
        assertEquals(stored, new HashSet<>(expected), "the entries are the papers the run stored");

        JsonNode papers = newPapers(watchId).get("results");
        for (int i = 0; i < entries.size(); i++) {
            SyndEntry entry = entries.get(i);
            JsonNode paper = papers.get(i);
            assertEquals(paper.get("title").asText(), entry.getTitle());
            assertEquals(paper.get("first_seen").asLong() * 1000, entry.getUpdatedDate().getTime(), "updated: when first found");
            assertEquals(Instant.parse(paper.get("published").asText()).toEpochMilli(), entry.getPublishedDate().getTime());
            if (i > 0) {
                assertTrue(entry.getPublishedDate().before(entries.get(i - 1).getPublishedDate()), "newest first at entry " + i);
            }
            assertEquals(List.of("A. Sample", "B. Example"), entry.getAuthors().stream().map(a -> a.getName()).toList());
            assertEquals(List.of("cond-mat.str-el", "cond-mat.mes-hall"), entry.getCategories().stream().map(c -> c.getName()).toList());
            assertEquals("A sample abstract from the local arXiv stand-in.", entry.getDescription().getValue());
            SyndLink pdf = entry.getLinks().stream().filter(l -> "related".equals(l.getRel())).findFirst().orElseThrow();
            assertEquals(paper.get("pdf_url").asText(), pdf.getHref());
            assertEquals("application/pdf", pdf.getType());
        }
        assertEquals(404, get("/watches/999999/feed.atom").statusCode(), "no feed for a watch that does not exist");
    }

    @Test
    void aDeletedWatchsQueriesAndResultsStay() throws Exception {
        long watchId = watchThatRan("stops soon", "perovskite");
        assertEquals(202, post("/watches/" + watchId + "/run").statusCode());
        await().atMost(RUN_BOUND).pollInterval(Duration.ofMillis(250))
                .until(() -> count("SELECT count(*) FROM queries WHERE watch_id = " + watchId) == 2);
        awaitWatch(watchId, w -> w.get("new_papers").asInt() == 0);
        String ofItsQueries = "SELECT count(*) FROM results WHERE query_id IN (SELECT query_id FROM queries WHERE watch_id = " + watchId + ")";
        assertEquals(2, count("SELECT count(*) FROM queries WHERE watch_id = " + watchId));
        assertEquals(2 * PAPERS, count(ofItsQueries));
        assertEquals(PAPERS, count("SELECT count(*) FROM watch_papers WHERE watch_id = " + watchId));

        HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(URI.create(suite.frontend + "/watches/" + watchId)).DELETE()
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals("", deleted.body());

        HttpResponse<String> gone = get("/watches/" + watchId);
        assertEquals(404, gone.statusCode());
        assertEquals("application/problem+json", gone.headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, get("/watches/" + watchId + "/new").statusCode());
        // its papers go with it; what its runs stored is the history's and stays, still naming the watch
        assertEquals(0, count("SELECT count(*) FROM watch_papers WHERE watch_id = " + watchId));
        assertEquals(2, count("SELECT count(*) FROM queries WHERE watch_id = " + watchId));
        assertEquals(2 * PAPERS, count(ofItsQueries));
        long lastQuery = count("SELECT max(query_id) FROM queries WHERE watch_id = " + watchId);
        assertEquals(watchId, historyRecord(lastQuery).get("watch_id").asLong());
        assertEquals(PAPERS, getJson("/results?query_id=" + lastQuery + "&items_per_page=100").get("total").asInt());
    }

    @Test
    void theNewPapersPageToTheEndByTheirLinkHeader() throws Exception {
        long watchId = watchThatRan("one at a time", "skyrmion");
        List<String> all = ids(newPapers(watchId));
        assertEquals(newestFirst(), all);

        Pattern next = Pattern.compile("<([^>]+)>; rel=\"next\"");
        List<String> paged = new ArrayList<>();
        URI page = URI.create(suite.frontend + "/watches/" + watchId + "/new?items_per_page=1");
        int pages = 0;
        while (page != null) {
            assertTrue(++pages <= PAPERS, "more pages than papers: " + paged);
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), page + ": " + answer.body());
            JsonNode body = JSON.readTree(answer.body());
            assertEquals(1, body.get("results").size(), page.toString());
            assertEquals(1, body.get("items_per_page").asInt());
            assertEquals(PAPERS, body.get("total").asInt());
            paged.add(body.get("results").get(0).get("arxiv_id").asText());
            String link = answer.headers().firstValue("Link").orElse(null);
            if (link == null) {
                assertTrue(body.get("next_cursor").isNull(), "no Link on the last page, and no cursor: " + body);
                page = null;
            } else {
                Matcher target = next.matcher(link);
                assertTrue(target.matches(), link);
                // followed as a client follows it: resolved against the address it came from
                page = page.resolve(target.group(1));
                assertEquals("/watches/" + watchId + "/new", page.getPath(), link);
                assertTrue(page.getQuery().contains("items_per_page=1"), "the page size kept: " + link);
                assertTrue(page.getQuery().contains("cursor=" + body.get("next_cursor").asText()), "the body's next_cursor: " + link);
            }
        }
        assertEquals(PAPERS, pages);
        assertEquals(all, paged, "every paper once, in the order of the whole list");
    }

    /** A new watch of {@code title} whose first run (on its own) is done; its id. */
    private static long watchThatRan(String name, String title) throws Exception {
        HttpResponse<String> created = createWatch(name, title);
        assertEquals(201, created.statusCode(), created.body());
        long watchId = JSON.readTree(created.body()).get("watch_id").asLong();
        JsonNode ran = awaitWatch(watchId, w -> w.hasNonNull("last_run"));
        assertTrue(ran.get("last_error").isNull(), ran.toString());
        assertEquals(PAPERS, ran.get("new_papers").asInt(), ran.toString());
        return watchId;
    }

    private static HttpResponse<String> createWatch(String name, String title) throws Exception {
        String body = "{\"name\": \"" + name + "\", \"every\": \"PT6H\", \"title\": \"" + title + "\", \"max_results\": " + PAPERS + "}";
        return HTTP.send(HttpRequest.newBuilder(URI.create(suite.frontend + "/watches")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The watch once {@code done} holds for it (polled through the public API). */
    private static JsonNode awaitWatch(long watchId, java.util.function.Predicate<JsonNode> done) {
        return await("watch " + watchId).atMost(RUN_BOUND).pollInterval(Duration.ofMillis(250))
                .until(() -> getJson("/watches/" + watchId), done::test);
    }

    /** The stand-in's papers for a search of {@value #PAPERS}, newest first (2024-01-07's first). */
    private static List<String> newestFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = PAPERS; i >= 1; i--) {
            ids.add(String.format("2401.%05dv1", i));
        }
        return ids;
    }

    private static JsonNode newPapers(long watchId) throws Exception {
        return getJson("/watches/" + watchId + "/new?items_per_page=100");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("results").forEach(paper -> ids.add(paper.get("arxiv_id").asText()));
        return ids;
    }

    /** The query's record as the public history (GET /queries) answers it. */
    private static JsonNode historyRecord(long queryId) throws Exception {
        JsonNode history = getJson("/queries?start_timestamp=0");
        for (JsonNode record : history) {
            if (record.get("query_id").asLong() == queryId) {
                return record;
            }
        }
        throw new AssertionError("query " + queryId + " is not in the history");
    }

    private static JsonNode getJson(String pathAndQuery) throws Exception {
        HttpResponse<String> answer = get(pathAndQuery);
        assertEquals(200, answer.statusCode(), pathAndQuery + ": " + answer.body());
        JsonNode body = JSON.readTree(answer.body());
        assertNotNull(body);
        return body;
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(suite.frontend + pathAndQuery)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(suite.frontend + pathAndQuery)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String sql) throws Exception {
        try (Connection db = launcher.postgres().connect("arxiv"); ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
