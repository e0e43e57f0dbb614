package org.arxivpipeline.sequence.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.arxivpipeline.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class SequenceResourceTest {

    @Test
    void getSequenceAnswersTheNextValueOfTheSequence() {
        long first = nextSequence();
        long second = nextSequence();
        assertEquals(first + 1, second, "one service, one caller: consecutive values");
    }

    @Test
    void twoHundredParallelCallsGetTwoHundredDistinctValues() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Long>> calls = IntStream.range(0, 200).<Callable<Long>>mapToObj(i -> this::nextSequence).toList();
            Set<Long> values = new HashSet<>();
            for (Future<Long> value : pool.invokeAll(calls)) {
                values.add(value.get());
            }
            assertEquals(200, values.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownPathIsA404Problem() {
        given().when().get("/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", is(404))
                .body("title", is("Not Found"))
                .body("instance", is("/no-such-thing"));
    }

    @Test
    void wrongMethodIsA405Problem() {
        given().when().post("/get-sequence")
                .then().statusCode(405)
                .header("Allow", "GET, HEAD, OPTIONS")
                .contentType("application/problem+json")
                .body("status", is(405))
                .body("instance", is("/get-sequence"));
    }

    @Test
    void requestIdIsEchoedOrMade() {
        given().header("X-Request-ID", "abc-123").when().get("/get-sequence")
                .then().statusCode(200).header("X-Request-ID", "abc-123");
        given().header("X-Request-ID", "bad id with spaces\"").when().get("/get-sequence")
                .then().statusCode(200).header("X-Request-ID", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"));
        given().when().get("/get-sequence")
                .then().statusCode(200).header("X-Request-ID", notNullValue());
    }

    @Test
    void securityHeadersAreOnEveryAnswer() {
        given().when().get("/get-sequence").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer");
        given().when().get("/nothing").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void anOverlongUriOrHeaderIsRefused() {
        int uriStatus = given().when().get("/get-sequence?x=" + "a".repeat(9000)).statusCode();
        org.junit.jupiter.api.Assertions.assertEquals(414, uriStatus);
        int headerStatus = given().header("X-Big", "b".repeat(25_000)).when().get("/get-sequence").statusCode();
        org.junit.jupiter.api.Assertions.assertEquals(431, headerStatus);
    }

    @Test
    void readinessIsUpWithTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    private long nextSequence() {
        return given().when().get("/get-sequence")
                .then().statusCode(200).contentType("application/json")
                .extract().jsonPath().getLong("sequence");
    }
}
