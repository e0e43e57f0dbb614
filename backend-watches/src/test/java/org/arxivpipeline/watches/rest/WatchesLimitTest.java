package org.arxivpipeline.watches.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.arxivpipeline.testsupport.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;

/** With {@code ARXIV_WATCHES_MAX} set to 3, the fourth watch is refused until one is deleted (the default, 10,000: WatchesResourceTest). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(WatchesLimitTest.AtMostThree.class)
class WatchesLimitTest {

    static final int MAX = 3;

    public static class AtMostThree implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arxiv.watches.max", String.valueOf(MAX));
        }
    }

    private static final Map<String, Object> SEARCH = Map.of("category", "cs.LG");

    /** As arxiv_watches: the other test classes of this JVM share the database and leave their watches in it. */
    @Inject
    Pool pool;

    @BeforeEach
    void noWatches() {
        // the maximum counts every watch in the table, so the test starts from none
        pool.query("DELETE FROM watches").execute().await().indefinitely();
    }

    @Test
    void oneWatchBeyondTheMaximumIsA409AndDeletingOneMakesRoomAgain() {
        long first = create("first").statusCode(201).extract().jsonPath().getLong("watch_id");
        create("second").statusCode(201);
        create("third").statusCode(201);

        create("fourth").statusCode(409).contentType("application/problem+json")
                .body("status", is(409))
                .body("title", is("Conflict"))
                .body("detail", is("There are 3 watches already, the most this installation keeps (ARXIV_WATCHES_MAX): delete one first"));
        // the refused one was not stored: still the three
        given().when().get("/watches").then().statusCode(200).body("name", contains("first", "second", "third"));
        assertEquals(MAX, count());

        given().when().delete("/watches/" + first).then().statusCode(204);
        create("fourth again").statusCode(201).body("name", is("fourth again"));
        given().when().get("/watches").then().statusCode(200).body("name", contains("second", "third", "fourth again"));

        // full again: the room was one watch, not a reset of the count
        create("fifth").statusCode(409).contentType("application/problem+json");
        assertEquals(MAX, count());
    }

    private static ValidatableResponse create(String name) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "every", "PT6H", "search", SEARCH))
                .when().post("/watches").then();
    }

    private long count() {
        return pool.query("SELECT count(*) FROM watches").execute().await().indefinitely().iterator().next().getLong(0);
    }
}
