package org.arxivpipeline.frontend.client.stork;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.arxivpipeline.frontend.client.stork.BackendInstancesStandIn.InjectInstances;
import org.arxivpipeline.frontend.client.stork.BackendInstancesStandIn.Instances;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Two instances of every backend are down from the start and listed first (least-response-time tries
 * the instances it has no figures for before the others, so the first calls land on them): every call
 * still succeeds, the history is streamed from a live instance, and each call reaches the live ones
 * exactly once.
 */
@QuarkusTest
@WithTestResource(value = BackendInstancesStandIn.class, initArgs = @ResourceArg(name = "dead", value = "2"))
class DeadInstancesFirstTest {

    private static final int CALLS = 10;

    @InjectInstances
    Instances instances;

    @Test
    void theHistoryIsStreamedFromALiveInstance() {
        instances.resetRequests();
        for (int i = 0; i < CALLS; i++) {
            given().queryParam("start_timestamp", "2024-05-06").when().get("/queries")
                    .then().statusCode(200)
                    .header("Content-Disposition", startsWith("attachment; filename=\"queries_1714953600_"))
                    .body("[0].query_id", is(42)).body("[0].time", is("2024-05-06T16:58:09Z"))
                    .body("[0].query", is("ArXiv Query: ti:electron"));
            given().contentType(ContentType.JSON).body("{\"start_timestamp\": \"2024-05-06\"}").when().post("/queries")
                    .then().statusCode(200).body("query_id", is(List.of(42)));
        }
        assertEquals(2 * CALLS, total(instances.gets("/read-queries")), "reads per live instance " + instances.gets("/read-queries"));
    }

    @Test
    void searchesAndResultsFindALiveInstance() {
        instances.resetRequests();
        for (int i = 0; i < CALLS; i++) {
            given().queryParam("title", "electron " + i).when().get("/arxiv").then().statusCode(200).body("num_entries", is(1));
            given().when().get("/results").then().statusCode(200).body("page", is(0));
        }
        assertEquals(CALLS, total(instances.gets("/arxiv-api")), "searches per live instance " + instances.gets("/arxiv-api"));
        assertEquals(CALLS, total(instances.gets("/get-sequence")));
        assertEquals(CALLS, total(instances.posts("/write-results")));
        assertEquals(CALLS, total(instances.posts("/write-queries")));
        assertEquals(CALLS, total(instances.gets("/read-results")));
    }

    private static int total(List<Integer> perInstance) {
        return perInstance.stream().mapToInt(Integer::intValue).sum();
    }
}
