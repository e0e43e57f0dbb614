package org.arxivpipeline.frontend.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A history whose backend connection is closed before any answer (a kept-alive connection closed as the
 * request went out on it) is asked for once more, on a fresh connection, and the client never sees it.
 */
@QuarkusTest
@WithTestResource(ClosingOnceStandIn.class)
class ClosedConnectionTest {

    @Test
    void aConnectionClosedBeforeAnyAnswerIsTriedOnceMore() {
        given().when().get("/queries?start_timestamp=0&end_timestamp=10")
                .then().statusCode(200).body("size()", is(0));
        assertEquals(2, ClosingOnceStandIn.REQUESTS.get(), "the closed request, then the one answered");
    }
}
