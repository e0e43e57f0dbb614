package org.arxivpipeline.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.arxivpipeline.launcher.Launcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The suite scaled out as {@code ./run.sh --replicas 3} runs it: three instances of each backend, two
 * frontends balancing over them through Stork, the arXiv pacing shared by the three arxiv-api instances
 * through PostgreSQL, a streaming read replica that backend-queries and backend-results read from, and the
 * arXiv stand-in logging when each call arrived.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final int CLIENTS = 4;
    private static final long ARRIVAL_NOISE_MILLIS = 25;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger TITLES = new AtomicInteger();
    /** The burst of Order 7: 8 clients of 5 searches each, about 20 s at the pacing's two calls a second. */
    private static final int BURST_CLIENTS = 8;
    private static final int BURST_SEARCHES = 5;
    private static final int WATCHES_DUE = 6;

    private static RunningSuite suite;
    private static Launcher launcher;
    private static List<String> frontends;

    @BeforeAll
    static void startTheSuite() throws Exception {
        // 16 processes and this JVM (which runs the stand-in) share two cores: the guard is raised as the
        // pacing's warning advises on a busy machine, so a call may start up to 100 ms after its slot and
        // still reach the stand-in 300 ms after the call before (slots 500 ms apart)
        // the watch runners of both frontends look for due runs every second (30 s in production)
        suite = RunningSuite.start("scale-out", Map.of("ARXIV_MIN_INTERVAL", INTERVAL.toMillis() + "ms",
                "ARXIV_PACING_GUARD", "200ms", "ARXIV_WATCHES_POLL", "1s", "ARXIV_WATCHES_FIRST_POLL", "1s", "ARXIV_WATCHES_LEASE", "75s"),
                List.of("--replicas", "3", "--read-replica"), 27);
        launcher = suite.launcher;
        int base = URI.create(suite.frontend).getPort();
        frontends = List.of(suite.frontend, "http://localhost:" + (base + 5));
    }

    @AfterAll
    static void stopTheSuite() {
        if (suite != null) {
            suite.stop();
        }
    }

    /** One search and the paging of its results through the other frontend, as a client saw them. */
    record Outcome(long startedAt, int searchStatus, String contentType, long queryId, int numEntries, int pagedResults) {
    }

    @Test
    @Order(1)
    void concurrentSearchesThroughBothFrontendsBehaveAsOneSuite() throws Exception {
        int arrivalsBefore = launcher.arxivStubArrivals().size();
        List<Outcome> outcomes = burst(10, 120);

        Set<Long> queryIds = new HashSet<>();
        for (Outcome outcome : outcomes) {
            assertEquals(200, outcome.searchStatus(), outcome.toString());
            queryIds.add(outcome.queryId());
            // read-your-writes across frontends and backend instances: all of a fresh query's results at once
            assertEquals(outcome.numEntries(), outcome.pagedResults(), "results of query " + outcome.queryId());
        }
        assertEquals(outcomes.size(), queryIds.size(), "every query_id distinct");

        // every search a different title: one arXiv call each, at least the interval apart across the three
        // arxiv-api instances (their slots are interval + ARXIV_PACING_GUARD apart, and a call late by
        // more than half the guard takes a later slot)
        List<Long> arrivals = new ArrayList<>(launcher.arxivStubArrivals().subList(arrivalsBefore, launcher.arxivStubArrivals().size()));
        Collections.sort(arrivals);
        assertEquals(outcomes.size(), arrivals.size(), "arXiv calls");
        long smallestGap = Long.MAX_VALUE;
        for (int i = 1; i < arrivals.size(); i++) {
            smallestGap = Math.min(smallestGap, arrivals.get(i) - arrivals.get(i - 1));
        }
        long span = arrivals.get(arrivals.size() - 1) - arrivals.get(0);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < arrivals.size(); i++) {
            gaps.add(arrivals.get(i) - arrivals.get(i - 1));
        }
        Collections.sort(gaps);
        System.out.println("gaps between arXiv calls (ms, sorted): " + gaps);
        System.out.printf("%d searches through 2 frontends, 3 instances of each backend: arXiv calls over %d ms, smallest gap %d ms%n",
                outcomes.size(), span, smallestGap);
        // the stand-in stamps an arrival when its handler thread runs, in this busy test JVM: a few ms of
        // its own noise are allowed; the slots themselves are exact (SharedPacingTest)
        assertTrue(smallestGap >= INTERVAL.toMillis() - ARRIVAL_NOISE_MILLIS, "smallest gap " + smallestGap + " ms");
        assertTrue(span >= (arrivals.size() - 1) * INTERVAL.toMillis(), "span " + span + " ms");

        assertEquals(outcomes.size(), count("SELECT count(*) FROM queries WHERE query_id IN (" + idList(queryIds) + ")"));
        assertDatabaseConsistent();
    }

    @Test
    @Order(2)
    void oneInstanceOfEachBackendKilledMidLoadFailsOnlyTheCallsInFlight() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    outcomes.add(searchAndPage(frontends.get(client % 2), frontends.get((client + 1) % 2)));
                }
            }));
        }
        Thread.sleep(3000);
        long killedAt = System.currentTimeMillis();
        for (String backend : List.of("backend-arxiv-api", "backend-sequence", "backend-queries", "backend-results")) {
            launcher.service(backend + "-2").kill();
        }
        long killsDone = System.currentTimeMillis();
        Thread.sleep(10_000);
        running.set(false);
        for (CompletableFuture<Void> client : clients) {
            client.get(60, TimeUnit.SECONDS);
        }

        Map<Integer, Integer> statuses = new TreeMap<>();
        int failed = 0;
        int servedAfterTheKills = 0;
        for (Outcome outcome : outcomes) {
            statuses.merge(outcome.searchStatus(), 1, Integer::sum);
            if (outcome.searchStatus() == 200) {
                assertEquals(outcome.numEntries(), outcome.pagedResults(), "results of query " + outcome.queryId());
                if (outcome.startedAt() > killsDone) {
                    servedAfterTheKills++;
                }
                continue;
            }
            failed++;
            // a failure is the contract's problem, and only for a call that was under way when the instances died
            assertTrue(Set.of(502, 503, 504).contains(outcome.searchStatus()), outcome.toString());
            assertEquals("application/problem+json", outcome.contentType(), outcome.toString());
            assertTrue(outcome.startedAt() <= killsDone, "a call started after the kills failed: " + outcome);
        }
        System.out.printf("one instance of each backend killed mid-load: %s; %d failed (in flight at %d ms), %d served after%n",
                statuses, failed, killedAt % 100_000, servedAfterTheKills);
        assertTrue(failed <= CLIENTS, failed + " failed; at most the " + CLIENTS + " calls in flight may");
        assertTrue(servedAfterTheKills >= 10, servedAfterTheKills + " searches served after the kills");
        assertDatabaseConsistent();
    }

    @Test
    @Order(3)
    void aFreshQueryIsReadFromThePrimaryWhileTheReplicaLags() throws Exception {
        try (Connection replica = launcher.replica().connect("arxiv")) {
            assertEquals(1, count(replica, "SELECT pg_is_in_recovery()::int"));
            assertTrue(count(replica, "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'backend-results%'") > 0,
                    "backend-results reads from the replica");
            replica.createStatement().execute("SELECT pg_wal_replay_pause()");
            try {
                Outcome outcome = searchAndPage(frontends.get(0), frontends.get(1));
                assertEquals(200, outcome.searchStatus());
                assertEquals(0, count(replica, "SELECT count(*) FROM results WHERE query_id = " + outcome.queryId()),
                        "the replica has not replayed the new query");
                assertEquals(5, outcome.numEntries());
                assertEquals(5, outcome.pagedResults(), "all of the fresh query's results, from the primary");
            } finally {
                replica.createStatement().execute("SELECT pg_wal_replay_resume()");
            }
        }
    }

    @Test
    @Order(4)
    void readsGoToThePrimaryWhenTheReplicaIsDown() throws Exception {
        launcher.replica().stop();
        try {
            for (int i = 0; i < 10; i++) {
                Outcome outcome = searchAndPage(frontends.get(i % 2), frontends.get((i + 1) % 2));
                assertEquals(200, outcome.searchStatus(), outcome.toString());
                assertEquals(outcome.numEntries(), outcome.pagedResults(), outcome.toString());
            }
            HttpResponse<String> history = HTTP.send(HttpRequest.newBuilder(URI.create(frontends.get(0) + "/queries?start_timestamp=2000-01-01")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, history.statusCode());
            assertEquals(count("SELECT count(*) FROM queries"), JSON.readTree(history.body()).size(), "the whole history, from the primary");
            for (String results : List.of("backend-results-1", "backend-results-3", "backend-queries-1", "backend-queries-3")) {
                assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(launcher.service(results).url() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode(), results + " stays ready without its replica");
            }
        } finally {
            launcher.replica().start();
        }
    }

    /**
     * Issue 24: two frontends run due watches; each due run happens once, however often it is asked for
     * through either frontend, and is stored as an ordinary search carrying its watch_id.
     */
    @Test
    @Order(5)
    void aDueWatchRunsOnceWithTwoRunners() throws Exception {
        long watchId = createWatch("scale-out watch");
        awaitRuns(watchId, 1);
        // asked for again through both frontends at once: one run more, not two
        CompletableFuture<Integer> viaFirst = CompletableFuture.supplyAsync(() -> post(frontends.get(0) + "/watches/" + watchId + "/run"));
        CompletableFuture<Integer> viaSecond = CompletableFuture.supplyAsync(() -> post(frontends.get(1) + "/watches/" + watchId + "/run"));
        assertEquals(202, viaFirst.get(20, TimeUnit.SECONDS));
        assertEquals(202, viaSecond.get(20, TimeUnit.SECONDS));
        awaitRuns(watchId, 2);
        Thread.sleep(4000);
        assertEquals(2, count("SELECT count(*) FROM queries WHERE watch_id = " + watchId), "two runs, each once");
        JsonNode watch = JSON.readTree(get(frontends.get(1) + "/watches/" + watchId));
        assertEquals(0, watch.get("new_papers").asInt(), "the second run found the same papers: none new");
        assertTrue(watch.get("last_error").isNull(), watch.toString());
        JsonNode papers = JSON.readTree(get(frontends.get(0) + "/watches/" + watchId + "/new?items_per_page=100"));
        assertEquals(5, papers.get("total").asInt(), "the first run's five papers");
        assertDatabaseConsistent();
    }

    /**
     * A runner that claims a run and dies (here: a claim taken straight from backend-watches and never
     * reported) holds it for its lease only: then a frontend's runner takes the run over, and the dead
     * runner's claim can no longer record anything.
     */
    @Test
    @Order(6)
    void aRunWhoseRunnerDiedIsTakenOverWhenItsLeaseEnds() throws Exception {
        String watches = "http://localhost:" + (URI.create(suite.frontend).getPort() + 6);
        // no other watch is due: this test's claim takes its watch as soon as it is made
        long watchId;
        JsonNode claimed;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        do {
            watchId = createWatch("died mid-run");
            claimed = JSON.readTree(postBody(watches + "/claims?limit=1&lease_seconds=30"));
        } while ((claimed.isEmpty() || claimed.get(0).at("/watch/watch_id").asLong() != watchId) && System.nanoTime() < deadline);
        assertEquals(watchId, claimed.get(0).at("/watch/watch_id").asLong(), "the test's runner claimed the new watch first");
        long claimedAt = System.currentTimeMillis();
        Thread.sleep(5000);
        assertEquals(0, count("SELECT count(*) FROM queries WHERE watch_id = " + watchId), "nobody runs it while the lease holds");
        awaitRuns(watchId, 1);
        long tookOver = System.currentTimeMillis() - claimedAt;
        assertTrue(tookOver >= 29_000, "taken over after the 30 s lease, not before: " + tookOver + " ms");
        String late = "{\"claim\": \"" + claimed.get(0).get("claim").asText() + "\", \"query_id\": 1, \"results\": []}";
        assertEquals(409, HTTP.send(HttpRequest.newBuilder(URI.create(watches + "/watches/" + watchId + "/runs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(late)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "the dead runner's claim records nothing");
    }

    /**
     * Watches that come due during a burst of interactive searches take only the turns nobody waits for:
     * every interactive search is answered (none refused with 429 for want of a turn, none shed with 503),
     * each made its own arXiv call, the runs yielded to them (backend-arxiv-api counts each refusal, the
     * runners each run given back) and still every watch ran once, none failed. Who called arXiv is read from
     * two records kept apart: each arxiv-api instance's log line of its call (by request id: the client's,
     * or the run's {@code watch-<id>-…}) and the stand-in's log of arrivals, which must agree call for call.
     */
    @Test
    @Order(7)
    void dueWatchesNeverCostAnInteractiveSearchItsTurn() throws Exception {
        List<String> arxivApis = running("backend-arxiv-api");
        List<String> frontendNames = List.of("frontend-service-1", "frontend-service-2");
        double yieldedBefore = metric(arxivApis, "arxiv_background_searches_total", "result=\"yielded\"");
        double admittedBefore = metric(arxivApis, "arxiv_background_searches_total", "result=\"admitted\"");
        double deferredBefore = metric(frontendNames, "arxiv_watch_runs_total", "outcome=\"deferred\"");
        double failedBefore = metric(frontendNames, "arxiv_watch_runs_total", "outcome=\"failed\"");
        double succeededBefore = metric(frontendNames, "arxiv_watch_runs_total", "outcome=\"succeeded\"");
        int arrivalsBefore = launcher.arxivStubArrivals().size();
        long from = System.currentTimeMillis();

        // the burst: BURST_CLIENTS clients, each searching a fresh title (the cache cannot answer) one after
        // another, through the two frontends; about 20 s at the pacing's two calls a second
        ExecutorService clients = Executors.newFixedThreadPool(BURST_CLIENTS);
        AtomicInteger requests = new AtomicInteger();
        List<Future<List<Interactive>>> burst = new ArrayList<>();
        try {
            for (int c = 0; c < BURST_CLIENTS; c++) {
                String via = frontends.get(c % 2);
                burst.add(clients.submit(() -> {
                    List<Interactive> searches = new ArrayList<>();
                    for (int i = 0; i < BURST_SEARCHES; i++) {
                        searches.add(interactive(via, "burst-" + requests.incrementAndGet()));
                    }
                    return searches;
                }));
            }
            // the watches come due once interactive searches wait in the arxiv-api instances' lines
            await("interactive searches waiting for arXiv").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> metric(arxivApis, "arxiv_pacing_queue", "") >= 2);
            List<Long> watchIds = new ArrayList<>();
            for (int i = 0; i < WATCHES_DUE; i++) {
                watchIds.add(createWatch("due during a burst"));
            }

            Map<Integer, Integer> statuses = new TreeMap<>();
            List<Interactive> searches = new ArrayList<>();
            for (Future<List<Interactive>> client : burst) {
                for (Interactive search : client.get(120, TimeUnit.SECONDS)) {
                    searches.add(search);
                    statuses.merge(search.status(), 1, Integer::sum);
                }
            }
            long burstEnded = System.currentTimeMillis();
            assertEquals(Map.of(200, BURST_CLIENTS * BURST_SEARCHES), statuses, "every interactive search answered while watches were due");
            for (long watchId : watchIds) {
                awaitRuns(watchId, 1);
            }

            // each interactive search made one arXiv call of its own, each watch one: as the instances logged them
            Set<String> expected = new HashSet<>();
            searches.forEach(search -> expected.add(search.requestId()));
            Map<String, List<Call>> calls = await("every call in the arxiv-api logs").atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(250)).until(() -> arxivCalls(from), logged -> logged.keySet().containsAll(expected)
                            && watchIds.stream().allMatch(id -> logged.keySet().stream().anyMatch(r -> r.startsWith("watch-" + id + "-"))));
            for (String requestId : expected) {
                assertEquals(1, calls.get(requestId).size(), "arXiv calls of interactive search " + requestId);
            }
            List<Call> watchCalls = new ArrayList<>();
            for (long watchId : watchIds) {
                List<Call> ofWatch = calls.entrySet().stream().filter(e -> e.getKey().startsWith("watch-" + watchId + "-"))
                        .flatMap(e -> e.getValue().stream()).toList();
                assertEquals(1, ofWatch.size(), "arXiv calls of watch " + watchId + ": " + ofWatch);
                watchCalls.addAll(ofWatch);
            }
            assertEquals(expected.size() + watchIds.size(), calls.values().stream().mapToInt(List::size).sum(),
                    "no other arXiv call during the test: " + calls.keySet());
            // the stand-in counted as many arrivals: every call logged reached it, no call went unlogged
            List<Long> arrivals = launcher.arxivStubArrivals();
            assertEquals(expected.size() + watchIds.size(), arrivals.size() - arrivalsBefore, "arrivals at the arXiv stand-in");

            // the runs gave way: refused while interactive searches waited, given back, run later, none failed
            double yielded = metric(arxivApis, "arxiv_background_searches_total", "result=\"yielded\"") - yieldedBefore;
            double admitted = metric(arxivApis, "arxiv_background_searches_total", "result=\"admitted\"") - admittedBefore;
            double deferred = metric(frontendNames, "arxiv_watch_runs_total", "outcome=\"deferred\"") - deferredBefore;
            double failed = metric(frontendNames, "arxiv_watch_runs_total", "outcome=\"failed\"") - failedBefore;
            double succeeded = metric(frontendNames, "arxiv_watch_runs_total", "outcome=\"succeeded\"") - succeededBefore;
            long duringTheBurst = watchCalls.stream().filter(call -> call.startedAt() < burstEnded).count();
            System.out.printf("%d interactive searches through 2 frontends, %d watches due: all answered 200 in %d ms; background searches"
                    + " yielded %.0f times, admitted %.0f; runs deferred %.0f, succeeded %.0f, failed %.0f; %d of the %d watch calls"
                    + " started before the burst ended%n", expected.size(), watchIds.size(), burstEnded - from, yielded, admitted, deferred,
                    succeeded, failed, duringTheBurst, watchCalls.size());
            assertTrue(yielded >= 1, "no background search yielded to the burst: yielded " + yielded + ", admitted " + admitted);
            assertTrue(admitted >= watchIds.size(), "each watch's call was admitted: " + admitted);
            assertTrue(deferred >= yielded, "every run that yielded was given back, not failed: deferred " + deferred + ", yielded " + yielded);
            assertEquals(0, failed, "no run failed");
            assertEquals(watchIds.size(), succeeded, "each watch ran once");
            assertEquals(watchIds.size(), count("SELECT count(*) FROM queries WHERE watch_id IN (" + idList(new HashSet<>(watchIds)) + ")"));
            assertTrue(System.currentTimeMillis() - from < 120_000, "the test took " + (System.currentTimeMillis() - from) + " ms");
        } finally {
            clients.shutdownNow();
        }
        assertDatabaseConsistent();
    }

    /** One interactive search of the burst as its client saw it. */
    record Interactive(String requestId, long startedAt, long endedAt, int status) {
    }

    /** One arXiv call as an arxiv-api instance logged it (its answer's line: when it ended and how long it took). */
    record Call(String requestId, String instance, long startedAt, long endedAt) {
    }

    /** A search of a fresh title through {@code via}, with the request id {@code requestId} (on its log lines in every service). */
    private static Interactive interactive(String via, String requestId) {
        long startedAt = System.currentTimeMillis();
        try {
            HttpResponse<String> search = HTTP.send(HttpRequest.newBuilder(URI.create(via + "/arxiv?max_results=5&title="
                    + encode("burst " + TITLES.incrementAndGet()))).header("X-Request-ID", requestId).timeout(Duration.ofSeconds(40)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Interactive(requestId, startedAt, System.currentTimeMillis(), search.statusCode());
        } catch (Exception e) {
            throw new IllegalStateException("search " + requestId + " got no answer", e);
        }
    }

    /**
     * The arXiv calls that the arxiv-api instances logged (their NOTICE "arXiv answered … in N ms") ending at
     * {@code from} or later, by request id.
     */
    private static Map<String, List<Call>> arxivCalls(long from) throws Exception {
        Pattern took = Pattern.compile("^arXiv answered \\d+ entries of \\d+ in (\\d+) ms: ");
        Map<String, List<Call>> calls = new TreeMap<>();
        for (int r = 1; r <= 3; r++) {
            String instance = "backend-arxiv-api-" + r;
            Path log = suite.runDir.resolve("logs").resolve(instance + ".log");
            if (!Files.exists(log)) {
                continue;
            }
            for (String line : Files.readAllLines(log)) {
                if (!line.startsWith("{") || !line.contains("arXiv answered")) {
                    continue;
                }
                JsonNode json;
                try {
                    json = JSON.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException partial) {
                    continue; // the last line, still being written
                }
                Matcher matcher = took.matcher(json.path("message").asText());
                long endedAt = Instant.parse(json.get("timestamp").asText()).toEpochMilli();
                if (matcher.find() && endedAt >= from) {
                    String requestId = json.at("/mdc/request_id").asText();
                    calls.computeIfAbsent(requestId, id -> new ArrayList<>())
                            .add(new Call(requestId, instance, endedAt - Long.parseLong(matcher.group(1)), endedAt));
                }
            }
        }
        return calls;
    }

    /** The instances of {@code backend} that run now (an earlier test killed one of each). */
    private static List<String> running(String backend) {
        List<String> running = new ArrayList<>();
        for (int r = 1; r <= 3; r++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(launcher.service(backend + "-" + r).url() + "/q/health/live"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    running.add(backend + "-" + r);
                }
            } catch (Exception down) {
                // killed
            }
        }
        return running;
    }

    /** The sum over {@code services} of the series of {@code name} that carry {@code label} (any series when empty). */
    private static double metric(List<String> services, String name, String label) {
        double sum = 0;
        for (String service : services) {
            for (String line : get(launcher.service(service).url() + "/q/metrics").split("\n")) {
                if (line.startsWith(name + "{") && line.substring(0, line.indexOf('}') + 1).contains(label)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    /** {@link #CLIENTS} clients, each {@code searches} searches one after another, through the two frontends in turn. */
    private static List<Outcome> burst(int searches, long seconds) throws Exception {
        List<CompletableFuture<List<Outcome>>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(CompletableFuture.supplyAsync(() -> {
                List<Outcome> outcomes = new ArrayList<>();
                for (int i = 0; i < searches; i++) {
                    outcomes.add(searchAndPage(frontends.get(client % 2), frontends.get((client + 1) % 2)));
                }
                return outcomes;
            }));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<List<Outcome>> client : clients) {
            outcomes.addAll(client.get(seconds, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static long createWatch(String name) throws Exception {
        String body = "{\"name\": \"" + name + "\", \"every\": \"PT1H\", \"title\": \"" + name + " " + TITLES.incrementAndGet()
                + "\", \"max_results\": 5}";
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(frontends.get(0) + "/watches"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body()).get("watch_id").asLong();
    }

    /** Waits until {@code runs} queries of the watch are stored. */
    private static void awaitRuns(long watchId, int runs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count("SELECT count(*) FROM queries WHERE watch_id = " + watchId) < runs) {
            assertTrue(System.nanoTime() < deadline, "watch " + watchId + " did not run " + runs + " time(s) within 60 s: "
                    + get(frontends.get(0) + "/watches/" + watchId));
            Thread.sleep(250);
        }
    }

    private static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(url, e);
        }
    }

    private static int post(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(url, e);
        }
    }

    private static String postBody(String url) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    private static long count(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Searches through one frontend (a fresh title) and pages the query's results through the other. */
    private static Outcome searchAndPage(String searchVia, String pageVia) {
        long startedAt = System.currentTimeMillis();
        try {
            HttpResponse<String> search = HTTP.send(HttpRequest.newBuilder(URI.create(searchVia + "/arxiv?max_results=5&title="
                    + encode("scale out " + TITLES.incrementAndGet()))).timeout(Duration.ofSeconds(40)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String contentType = search.headers().firstValue("Content-Type").orElse("");
            if (search.statusCode() != 200) {
                return new Outcome(startedAt, search.statusCode(), contentType, -1, -1, -1);
            }
            JsonNode answer = JSON.readTree(search.body());
            long queryId = answer.get("query_id").asLong();
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(pageVia + "/results?items_per_page=100&query_id="
                    + queryId)).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            int paged = page.statusCode() == 200 ? JSON.readTree(page.body()).get("results").size() : -page.statusCode();
            return new Outcome(startedAt, 200, contentType, queryId, answer.get("num_entries").asInt(), paged);
        } catch (Exception e) {
            throw new IllegalStateException("a call got no answer", e);
        }
    }

    /** No query without all its results, no result twice. */
    private static void assertDatabaseConsistent() throws Exception {
        assertEquals(0, count("SELECT count(*) FROM queries q LEFT JOIN (SELECT query_id, count(*) AS stored FROM results GROUP BY query_id) r"
                + " USING (query_id) WHERE coalesce(r.stored, 0) <> q.num_entries"), "queries without all their results");
        assertEquals(0, count("SELECT count(*) - count(DISTINCT (query_id, result_number)) FROM results"), "duplicated results");
        assertEquals(0, count("SELECT count(*) - count(DISTINCT query_id) FROM queries"), "duplicated queries");
    }

    private static long count(String sql) throws Exception {
        try (Connection db = launcher.postgres().connect("arxiv"); ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String idList(Set<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
