package org.arxivpipeline.common.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A 405 names the methods the path answers ({@link AllowedMethods}), in common's own test application. */
@QuarkusTest
class AllowedMethodsTest {

    /** Two test-only resources: one path read and written, one method path under a class path. */
    @Path("/allowed-methods-probe")
    public static class Probe {
        @GET
        public String read() {
            return "read";
        }

        @POST
        public String write() {
            return "written";
        }

        @PUT
        @Path("/only-put/")
        public String put() {
            return "put";
        }
    }

    @Test
    void aWrongMethodIsA405ProblemNamingEveryMethodOfThePath() {
        given().when().delete("/allowed-methods-probe")
                .then().statusCode(405)
                .header("Allow", "GET, HEAD, OPTIONS, POST")
                .contentType("application/problem+json")
                .body("status", is(405))
                .body("instance", is("/allowed-methods-probe"));
    }

    @Test
    void aMethodPathHasItsOwnMethodsAndNoHeadWithoutGet() {
        given().when().get("/allowed-methods-probe/only-put")
                .then().statusCode(405)
                .header("Allow", "OPTIONS, PUT");
    }

    @Test
    void anAllowedMethodIsServed() {
        given().when().post("/allowed-methods-probe").then().statusCode(200).body(is("written"));
    }
}
