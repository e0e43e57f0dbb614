package org.arxivpipeline.sequence.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.arxivpipeline.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With INTERNAL_TOKEN set, a backend answers only calls that carry it; probes and metrics stay open. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(InternalTokenTest.WithToken.class)
class InternalTokenTest {

    static final String TOKEN = "s3cret-token-of-the-suite";

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("internal.token", TOKEN);
        }
    }

    @Test
    void aCallWithTheTokenIsServed() {
        given().header("X-Internal-Token", TOKEN).when().get("/get-sequence")
                .then().statusCode(200).body("sequence", notNullValue());
    }

    @Test
    void aCallWithoutItOrWithAnotherIsA401Problem() {
        for (String presented : new String[] {null, "", "s3cret", TOKEN + "x", TOKEN.toUpperCase(), "s3cret-token-of-the-suitf"}) {
            var request = given().header("X-Request-ID", "refused-1");
            if (presented != null) {
                request.header("X-Internal-Token", presented);
            }
            request.when().get("/get-sequence")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("X-Request-ID", "refused-1")
                    .body("status", is(401))
                    .body("detail", is("This service answers frontend-service only: a valid X-Internal-Token is required"));
        }
        // unknown paths too: nothing about the service is revealed without the token
        given().when().get("/no-such-path").then().statusCode(401);
    }

    @Test
    void probesAndMetricsNeedNoToken() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
