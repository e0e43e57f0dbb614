package org.arxivpipeline.arxivapi.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.arxivpipeline.arxivapi.PacingSchema;
import org.arxivpipeline.arxivapi.rest.ArxivStandIn.InjectArxiv;
import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** With a datasource, every arXiv call first takes the lease of all replicas in the shared pacing table. */
@QuarkusTest
@WithTestResource(ArxivStandIn.class)
@WithTestResource(PostgresResource.class)
@TestProfile(SharedPacingResourceTest.WithDatabase.class)
class SharedPacingResourceTest {

    public static class WithDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url", "postgresql://${arxivtest.pg.host}:${arxivtest.pg.port}/arxiv",
                    "arxiv.cache-ttl", "0s");
        }
    }

    @InjectArxiv
    WireMockServer arxiv;

    private final TestPostgres db = TestPostgres.get();

    private static boolean warm;

    /**
     * The service's first search pays for its cold start (its first database connection, its first connection
     * to the stand-in, the JIT), which on a loaded machine exceeds the test profile's 4 s deadline, and puts
     * the real start of a burst's first call hundreds of ms after the line's estimate: paid once, before.
     */
    @BeforeEach
    void warmUp() throws Exception {
        if (!warm) {
            ArxivStandIn.answerEverySearchWith(arxiv, "zero_hits.xml");
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> given().queryParam("title", "warm up").when().get("/arxiv-api").statusCode() == 200);
            warm = true;
        }
    }

    @Test
    void aCallWaitsUntilTheCallOfAnotherReplicaIsOver() throws Exception {
        ArxivStandIn.answerEverySearchWith(arxiv, "zero_hits.xml");
        PacingSchema.free(db);
        db.execute("arxiv", "UPDATE arxiv_pacing SET holder = 'another replica', lease_until = clock_timestamp() + interval '20 seconds'");
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<Void>> waiting = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/arxiv-api?title=behind")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
        Thread.sleep(1000);
        assertEquals(0, arxiv.getAllServeEvents().size(), "no call while another replica's is open");
        db.execute("arxiv", "UPDATE arxiv_pacing SET holder = NULL, lease_until = NULL WHERE holder = 'another replica'");
        assertEquals(200, waiting.get(10, TimeUnit.SECONDS).statusCode());
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        // the other call was over after 1 s; the lease would have run out after 20 s
        assertTrue(waitedMillis >= 1000 && waitedMillis < 1000 + 1500, "answered after " + waitedMillis + " ms");
        assertEquals(1, arxiv.getAllServeEvents().size());
    }

    @Test
    void eachCallMovesTheNextStartOnAndGivesItsLeaseBack() throws Exception {
        ArxivStandIn.answerEverySearchWith(arxiv, "zero_hits.xml");
        PacingSchema.free(db);

        given().queryParam("title", "first").when().get("/arxiv-api").then().statusCode(200);
        // the next call may start one interval (the test profile's 200 ms, and the guard) after this one's start
        assertEquals(1, db.queryLong("arxiv", "SELECT (next_slot > clock_timestamp() - interval '5 seconds')::int FROM arxiv_pacing"));
        // given back once the exchange was over (a statement of its own, perhaps still on its way)
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> db.queryLong("arxiv", "SELECT (holder IS NULL AND waiter IS NULL)::int FROM arxiv_pacing") == 1);

        // another replica's call started just now and the interval is 2 s: this one waits for it
        db.execute("arxiv", "UPDATE arxiv_pacing SET next_slot = clock_timestamp() + interval '2 seconds'");
        long started = System.nanoTime();
        given().queryParam("title", "second").when().get("/arxiv-api").then().statusCode(200);
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(waitedMillis >= 1900, "waited " + waitedMillis + " ms");
    }

    @Test
    void aBurstIsServedInItsSharedSlotsOrRefusedAtOnce() throws Exception {
        // a call given up is reset: quietly, not an ERROR from Vert.x ("Stream reset: 0" once)
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler vertxErrors = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                    errors.add(record.getLoggerName() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger vertx = java.util.logging.Logger.getLogger("io.vertx");
        vertx.addHandler(vertxErrors);
        try {
            burst();
        } finally {
            vertx.removeHandler(vertxErrors);
        }
        assertEquals(List.of(), errors, "Vert.x logged errors");
    }

    private void burst() throws Exception {
        ArxivStandIn.answerEverySearchWith(arxiv, "zero_hits.xml");
        PacingSchema.free(db);
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<long[]>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/arxiv-api?title=burst" + i))
                    .timeout(Duration.ofSeconds(10)).build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .thenApply(response -> new long[] {response.statusCode(), (System.nanoTime() - start) / 1_000_000}));
        }
        int served = 0;
        int late = 0;
        int refusedAfterAWait = 0;
        for (CompletableFuture<long[]> answer : answers) {
            long[] statusAndMillis = answer.get(15, TimeUnit.SECONDS);
            if (statusAndMillis[0] == 200) {
                served++;
            } else if (statusAndMillis[0] == 504) {
                // the last search admitted can miss its deadline by the time its call spends between its
                // turn and its send, which the line's estimate does not count
                late++;
            } else {
                assertEquals(429, statusAndMillis[0]);
                // the local line spaces turns as the shared ones are (interval + guard, and a quarter of the
                // guard for a turn's statement and timer): a search it admits gets its turn before its latest
                // start, unless the turns ran slower than that on a loaded machine; then it is refused at that
                // start (3.5 s after it arrived), never later
                if (statusAndMillis[1] >= 1500) {
                    refusedAfterAWait++;
                    assertTrue(statusAndMillis[1] >= 3000 && statusAndMillis[1] < 3500 + 1500, "a 429 after " + statusAndMillis[1] + " ms");
                }
            }
        }
        // start deadline 3.5 s (4 s deadline - 500 ms allowance), turns 300 ms apart (200 ms + 100 ms guard):
        // about 11, give or take the spread of the twenty arrivals; never all of them
        assertTrue(served >= 8 && served <= 14, "served " + served);
        assertTrue(late <= 1, late + " searches missed their deadline");
        assertTrue(refusedAfterAWait <= 2, refusedAfterAWait + " searches were admitted, then refused at their latest start");
        // one arXiv call per served search; a late one may have made its call before its deadline passed
        int calls = arxiv.getAllServeEvents().size();
        assertTrue(calls >= served && calls <= served + late, calls + " arXiv calls for " + served + " served and " + late + " late");
    }
}
