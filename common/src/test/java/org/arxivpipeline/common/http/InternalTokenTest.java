package org.arxivpipeline.common.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With INTERNAL_TOKEN set, a backend answers only calls that carry it; probes and metrics stay open. */
@QuarkusTest
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
    void aCallWithTheTokenPassesTheCheck() {
        // no resource at this path in common's test application: past the check, it is the router's 404
        given().header("X-Internal-Token", TOKEN).when().get("/no-such-path")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aCallWithoutItOrWithAnotherIsA401Problem() {
        for (String presented : new String[] {null, "", "s3cret", TOKEN + "x", TOKEN.toUpperCase(), "s3cret-token-of-the-suitf"}) {
            var request = given().header("X-Request-ID", "refused-1");
            if (presented != null) {
                request.header("X-Internal-Token", presented);
            }
            request.when().get("/no-such-path")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("X-Request-ID", "refused-1")
                    .body("status", is(401))
                    .body("detail", is("This service answers frontend-service only: a valid X-Internal-Token is required"));
        }
    }

    @Test
    void probesAndMetricsNeedNoToken() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
