package org.arxivpipeline.watches.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.arxivpipeline.common.model.StoredResult;
import org.arxivpipeline.common.model.WatchRun;
import org.arxivpipeline.testsupport.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class WatchesResourceTest {

    private static final Map<String, Object> SEARCH = Map.of("category", "cs.LG", "max_results", "50");

    /** As arxiv_watches: the tests move a watch's clock (next_run) back instead of waiting for it. */
    @Inject
    Pool pool;

    @BeforeEach
    void noWatchIsDue() {
        pool.query("UPDATE watches SET next_run = next_run + 100000000, claim = NULL").execute().await().indefinitely();
    }

    @Test
    void aWatchIsCreatedShownListedAndDeleted() {
        long now = System.currentTimeMillis() / 1000;
        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("name", "  graph neural networks ", "every", "PT6H", "search", SEARCH))
                .when().post("/watches")
                .then().statusCode(201).contentType("application/json")
                .body("name", is("graph neural networks"))
                .body("every", is("PT6H"))
                .body("search.category", is("cs.LG"))
                .body("last_run", nullValue()).body("last_query_id", nullValue()).body("last_error", nullValue())
                .body("new_papers", is(0))
                .extract().jsonPath();
        long id = created.getLong("watch_id");
        assertTrue(Math.abs(created.getLong("created") - now) <= 5, "created now, by the database's clock");
        assertEquals(created.getLong("created"), created.getLong("next_run"), "a new watch is due at once");

        given().when().get("/watches/" + id).then().statusCode(200).body("watch_id", is((int) id)).body("every", is("PT6H"));
        given().when().get("/watches").then().statusCode(200).body("watch_id", hasItems((int) id));
        given().when().delete("/watches/" + id).then().statusCode(204);
        given().when().get("/watches/" + id).then().statusCode(404).contentType("application/problem+json");
        given().when().delete("/watches/" + id).then().statusCode(404);
        given().when().post("/watches/" + id + "/due").then().statusCode(404);
        given().when().get("/watches/" + id + "/new").then().statusCode(404);
    }

    @Test
    void theDefaultPeriodIsADayAndBadNamesAndPeriodsAreAllListed() {
        given().contentType(ContentType.JSON).body(Map.of("name", "daily", "search", SEARCH))
                .when().post("/watches").then().statusCode(201).body("every", is("P1D"));
        given().contentType(ContentType.JSON).body(Map.of("name", "x".repeat(201), "every", "PT59M"))
                .when().post("/watches")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("name", "every", "search"));
        given().contentType(ContentType.JSON).body(Map.of("name", "n", "every", "every day", "search", SEARCH))
                .when().post("/watches").then().statusCode(400).body("errors.field", contains("every"));
        given().contentType(ContentType.JSON).body("{\"name\": ").when().post("/watches").then().statusCode(400);
    }

    @Test
    void eachDueRunIsClaimedByOneRunnerOnly() throws Exception {
        List<Long> due = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            due.add(create("due " + i));
        }
        ExecutorService runners = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Long>>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                claims.add(() -> given().when().post("/claims?limit=2&lease_seconds=60").then().statusCode(200)
                        .extract().jsonPath().getList("watch.watch_id", Long.class));
            }
            List<Long> claimed = new ArrayList<>();
            for (Future<List<Long>> claim : runners.invokeAll(claims)) {
                claimed.addAll(claim.get());
            }
            assertEquals(due.size(), claimed.size(), "every due run claimed, none twice: " + claimed);
            assertEquals(new HashSet<>(due), new HashSet<>(claimed));
        } finally {
            runners.shutdownNow();
        }
        given().when().post("/claims?limit=10").then().statusCode(200).body("size()", is(0));
    }

    @Test
    void aRunnerThatDiesGivesTheRunBackWhenItsLeaseEnds() {
        long id = create("taken over");
        JsonPath first = claimOne();
        long leaseEnd = first.getLong("[0].watch.next_run");
        assertTrue(leaseEnd - System.currentTimeMillis() / 1000 >= 55, "claimed until the lease ends");
        given().when().post("/claims?limit=10").then().body("size()", is(0));
        // the lease ends (the first runner died): the run is due again, and the first claim is worth nothing
        passTime(id, 61);
        JsonPath second = claimOne();
        assertNotEquals(first.getString("[0].claim"), second.getString("[0].claim"));
        given().contentType(ContentType.JSON).body(new WatchRun(first.getString("[0].claim"), 7L, List.of(result(7, 0, "2401.00001v1")), null))
                .when().post("/watches/" + id + "/runs")
                .then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(new WatchRun(second.getString("[0].claim"), 8L, List.of(result(8, 0, "2401.00001v1")), null))
                .when().post("/watches/" + id + "/runs")
                .then().statusCode(200).body("last_query_id", is(8)).body("new_papers", is(1));
    }

    @Test
    void onlyPapersTheWatchNeverSawAreNewAndTheNextRunIsOnePeriodAway() {
        long id = create("overlap");
        JsonPath claim = claimOne();
        given().contentType(ContentType.JSON)
                .body(new WatchRun(claim.getString("[0].claim"), 101L, List.of(result(101, 0, "2402.00002v1"), result(101, 1, "2402.00001v1")), null))
                .when().post("/watches/" + id + "/runs")
                .then().statusCode(200).body("new_papers", is(2)).body("last_error", nullValue());
        JsonPath after = given().when().get("/watches/" + id).then().extract().jsonPath();
        assertEquals(after.getLong("last_run") + Duration.ofHours(6).toSeconds(), after.getLong("next_run"),
                "the next run is one period after this one, however late this one was");

        passTime(id, Duration.ofHours(6).toSeconds() + 1);
        claim = claimOne();
        // 2402.00002 again, in a new version: not new; 2402.00003 is
        given().contentType(ContentType.JSON)
                .body(new WatchRun(claim.getString("[0].claim"), 102L, List.of(result(102, 0, "2402.00003v1"), result(102, 1, "2402.00002v2")), null))
                .when().post("/watches/" + id + "/runs")
                .then().statusCode(200).body("new_papers", is(1)).body("last_query_id", is(102));

        given().when().get("/watches/" + id + "/new?items_per_page=10").then().statusCode(200)
                .body("total", is(3))
                .body("results.arxiv_id", contains("2402.00003v1", "2402.00001v1", "2402.00002v1"))
                .body("results.query_id", contains(102, 101, 101))
                .body("results[0].title", is("Paper 2402.00003v1"))
                .body("results[0].categories", contains("cs.LG", "stat.ML"))
                .body("next_cursor", nullValue());
    }

    @Test
    void aWatchOverdueBySeveralPeriodsRunsOnceNotOncePerMissedPeriod() {
        long id = create("after an outage");
        long period = Duration.ofHours(6).toSeconds();
        // the suite was down (or the clock jumped) for four periods and a bit: four runs were missed
        pool.preparedQuery("UPDATE watches SET next_run = created - 4 * every_seconds - 100 WHERE watch_id = $1").execute(Tuple.of(id))
                .await().indefinitely();
        long missedRun = given().when().get("/watches/" + id).then().statusCode(200).extract().jsonPath().getLong("next_run");

        // runners keep asking: the one catch-up run is handed out once, then the lease keeps it from everyone else
        List<Long> claimed = new ArrayList<>();
        String claim = null;
        for (int i = 0; i < 5; i++) {
            JsonPath answer = given().when().post("/claims?limit=10&lease_seconds=60").then().statusCode(200).extract().jsonPath();
            claimed.addAll(answer.getList("watch.watch_id", Long.class));
            if (claim == null && answer.getList("claim").size() == 1) {
                claim = answer.getString("[0].claim");
            }
        }
        assertEquals(List.of(id), claimed, "claimed once by five claims, not once per missed period");

        JsonPath after = given().contentType(ContentType.JSON).body(new WatchRun(claim, 500L, List.of(), null))
                .when().post("/watches/" + id + "/runs")
                .then().statusCode(200).body("last_query_id", is(500)).extract().jsonPath();
        long now = System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(after.getLong("last_run") - now) <= 5, "the run is recorded now, by the database's clock");
        assertEquals(after.getLong("last_run") + period, after.getLong("next_run"), "the next run is one period after this run");
        assertNotEquals(missedRun + period, after.getLong("next_run"), "not one period after the missed schedule, which is still past");
        // so nothing of the backlog is due: no burst of the missed runs
        given().when().post("/claims?limit=10").then().statusCode(200).body("size()", is(0));
    }

    @Test
    void newPapersArePagedByCursorAndByNumber() {
        long id = create("paged");
        JsonPath claim = claimOne();
        List<StoredResult> results = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            results.add(result(200, i, String.format("2403.%05dv1", i)));
        }
        given().contentType(ContentType.JSON).body(new WatchRun(claim.getString("[0].claim"), 200L, results, null))
                .when().post("/watches/" + id + "/runs").then().statusCode(200).body("new_papers", is(25));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().queryParam("items_per_page", 10).queryParam("cursor", cursor == null ? "" : cursor)
                    .when().get("/watches/" + id + "/new").then().statusCode(200).body("total", is(25)).extract().jsonPath();
            seen.addAll(page.getList("results.arxiv_id"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        assertEquals(25, seen.size());
        assertEquals(25, Set.copyOf(seen).size());
        assertEquals("2403.00024v1", seen.get(0), "the same first_seen: newest published first");
        given().when().get("/watches/" + id + "/new?page=2&items_per_page=10").then().statusCode(200)
                .body("results.arxiv_id", equalTo(seen.subList(20, 25)));
        given().when().get("/watches/" + id + "/new?cursor=bm90LWEtY3Vyc29y").then().statusCode(400).body("errors.field", contains("cursor"));
        given().when().get("/watches/" + id + "/new?items_per_page=0&page=-1").then().statusCode(400)
                .body("errors.field", contains("page", "items_per_page"));
    }

    @Test
    void aFailedRunIsKeptWithItsErrorAndTriedAgainAfterABackOff() {
        long id = create("failing");
        JsonPath claim = claimOne();
        long before = System.currentTimeMillis() / 1000;
        JsonPath failed = given().contentType(ContentType.JSON)
                .body(new WatchRun(claim.getString("[0].claim"), null, List.of(), "arXiv answered 503 three times"))
                .when().post("/watches/" + id + "/runs")
                .then().statusCode(200).body("last_error", is("arXiv answered 503 three times")).extract().jsonPath();
        long retry = failed.getLong("next_run") - before;
        assertTrue(retry >= 295 && retry <= 310, "first retry after ARXIV_WATCHES_RETRY_AFTER_FAILURE (5 min): " + retry);
        passTime(id, 301);
        claim = claimOne();
        failed = given().contentType(ContentType.JSON)
                .body(new WatchRun(claim.getString("[0].claim"), null, List.of(), "again"))
                .when().post("/watches/" + id + "/runs").then().statusCode(200).extract().jsonPath();
        retry = failed.getLong("next_run") - System.currentTimeMillis() / 1000;
        assertTrue(retry >= 590 && retry <= 610, "doubled: " + retry);
        passTime(id, 601);
        claim = claimOne();
        given().contentType(ContentType.JSON).body(new WatchRun(claim.getString("[0].claim"), 300L, List.of(), null))
                .when().post("/watches/" + id + "/runs")
                .then().statusCode(200).body("last_error", nullValue()).body("new_papers", is(0)).body("last_query_id", is(300));
    }

    @Test
    void aRunThatDidNotGetItsTurnIsGivenBackWithoutCountingAsAFailure() {
        long id = create("deferred");
        JsonPath claim = claimOne();
        long before = System.currentTimeMillis() / 1000;
        JsonPath deferred = given().contentType(ContentType.JSON)
                .body(Map.of("claim", claim.getString("[0].claim"), "defer_seconds", 20))
                .when().post("/watches/" + id + "/runs")
                .then().statusCode(200).body("last_error", nullValue()).body("last_run", nullValue()).extract().jsonPath();
        long after = deferred.getLong("next_run") - before;
        assertTrue(after >= 19 && after <= 25, "due again after the 20 s asked for: " + after);
        given().when().post("/claims?limit=10").then().body("size()", is(0));
        passTime(id, 21);
        claim = claimOne();
        // a failure now is the first in a row: the back-off starts from its first step
        JsonPath failed = given().contentType(ContentType.JSON).body(new WatchRun(claim.getString("[0].claim"), null, List.of(), "boom"))
                .when().post("/watches/" + id + "/runs").then().statusCode(200).extract().jsonPath();
        long retry = failed.getLong("next_run") - System.currentTimeMillis() / 1000;
        assertTrue(retry >= 295 && retry <= 310, "the first failure's back-off: " + retry);
        given().contentType(ContentType.JSON).body(Map.of("claim", claim.getString("[0].claim"), "defer_seconds", 0))
                .when().post("/watches/" + id + "/runs").then().statusCode(400).body("errors.field", contains("defer_seconds"));
    }

    @Test
    void runNowMakesItDueButNeverTwiceWhileARunIsUnderWay() {
        long id = create("now");
        JsonPath claim = claimOne();
        given().when().post("/watches/" + id + "/due").then().statusCode(202);
        given().when().post("/claims?limit=10").then().body("size()", is(0));
        given().contentType(ContentType.JSON).body(new WatchRun(claim.getString("[0].claim"), 400L, List.of(), null))
                .when().post("/watches/" + id + "/runs").then().statusCode(200);
        given().when().post("/claims?limit=10").then().body("size()", is(0));
        given().when().post("/watches/" + id + "/due").then().statusCode(202);
        given().when().post("/claims?limit=10").then().body("watch.watch_id", contains((int) id));
    }

    @Test
    void badClaimsAndRunReportsAreRefused() {
        given().when().post("/claims?limit=0&lease_seconds=5").then().statusCode(400).body("errors.field", contains("limit", "lease_seconds"));
        long id = create("reports");
        given().contentType(ContentType.JSON).body(Map.of("claim", "nope")).when().post("/watches/" + id + "/runs")
                .then().statusCode(400).body("errors.field", contains("claim", "query_id"));
        given().contentType(ContentType.JSON).body(Map.of("claim", "3f8a2c1e-0000-4000-8000-000000000000", "query_id", 1))
                .when().post("/watches/" + id + "/runs").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("claim", "3f8a2c1e-0000-4000-8000-000000000000", "query_id", 1))
                .when().post("/watches/999999999/runs").then().statusCode(404).body("detail", containsString("999999999"));
    }

    @Test
    void requestIdIsEchoedOrMade() {
        // as every service: a client's safe id comes back, an unsafe or missing one is replaced by a UUID
        given().header("X-Request-ID", "watch-req-7").when().get("/watches")
                .then().statusCode(200).header("X-Request-ID", "watch-req-7");
        given().header("X-Request-ID", "bad id with spaces\"").when().get("/watches")
                .then().statusCode(200).header("X-Request-ID", matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        given().when().get("/watches")
                .then().statusCode(200).header("X-Request-ID", matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        // a problem answer carries it too: that is the id its log lines have
        given().header("X-Request-ID", "watch-req-8").when().get("/watches/999999999")
                .then().statusCode(404).contentType("application/problem+json").header("X-Request-ID", "watch-req-8");
    }

    private long create(String name) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "every", "PT6H", "search", SEARCH))
                .when().post("/watches").then().statusCode(201).extract().jsonPath().getLong("watch_id");
    }

    private static JsonPath claimOne() {
        return given().when().post("/claims?limit=1&lease_seconds=60").then().statusCode(200).body("size()", is(1)).extract().jsonPath();
    }

    /** As if {@code seconds} had passed for this watch: its next run (or lease end) is that much sooner, its papers older. */
    private void passTime(long id, long seconds) {
        pool.preparedQuery("UPDATE watches SET next_run = next_run - $2 WHERE watch_id = $1").execute(Tuple.of(id, seconds))
                .await().indefinitely();
        pool.preparedQuery("UPDATE watch_papers SET first_seen = first_seen - $2 WHERE watch_id = $1").execute(Tuple.of(id, seconds))
                .await().indefinitely();
    }

    private static StoredResult result(long queryId, int number, String arxivId) {
        return new StoredResult(queryId, number, arxivId, "Paper " + arxivId, "A. Author, B. Author", null, null, "cs.LG",
                "2024-01-" + String.format("%02d", 1 + number % 28) + "T00:00:" + String.format("%02d", number % 60) + "Z",
                "http://arxiv.org/abs/" + arxivId, "An abstract.", List.of("cs.LG", "stat.ML"), null, null, "https://arxiv.org/pdf/" + arxivId);
    }
}
