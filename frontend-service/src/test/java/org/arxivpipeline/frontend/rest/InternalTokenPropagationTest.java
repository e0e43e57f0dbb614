package org.arxivpipeline.frontend.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.arxivpipeline.frontend.BackendsStandIn;
import org.arxivpipeline.frontend.BackendsStandIn.InjectBackends;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With INTERNAL_TOKEN set, the frontend sends it on every call to every backend and asks no client for it. */
@QuarkusTest
@WithTestResource(BackendsStandIn.class)
@TestProfile(InternalTokenPropagationTest.WithToken.class)
class InternalTokenPropagationTest {

    static final String TOKEN = "s3cret-token-of-the-suite";

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("internal.token", TOKEN);
        }
    }

    @InjectBackends
    WireMockServer backends;

    @Test
    void everyBackendCallCarriesTheToken() {
        backends.resetAll();
        backends.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(okJson(SearchResourceTest.ARXIV_ANSWER)));
        backends.stubFor(get(urlPathEqualTo("/get-sequence")).willReturn(okJson("{\"sequence\": 7}")));
        backends.stubFor(post(urlPathEqualTo("/write-results")).willReturn(aResponse().withStatus(201).withBody("{}")));
        backends.stubFor(post(urlPathEqualTo("/write-queries")).willReturn(aResponse().withStatus(201).withBody("{}")));
        backends.stubFor(get(urlPathEqualTo("/read-queries")).willReturn(okJson("[]").withHeader("X-Record-Form", "public")));
        backends.stubFor(get(urlPathEqualTo("/read-results")).willReturn(okJson("{\"data\": [], \"cursor\": null}")));

        // no token asked of the clients of the public endpoints
        given().queryParam("title", "electron").when().get("/arxiv").then().statusCode(200);
        given().queryParam("start_timestamp", 0).when().get("/queries").then().statusCode(200);
        given().contentType("application/json").body("{\"start_timestamp\": 0}").when().post("/queries").then().statusCode(200);
        given().when().get("/results").then().statusCode(200);

        List<LoggedRequest> calls = backends.findAll(anyRequestedFor(anyUrl()));
        assertEquals(List.of("/arxiv-api", "/get-sequence", "/read-queries", "/read-results", "/write-queries", "/write-results"),
                calls.stream().map(LoggedRequest::getUrl).map(url -> url.replaceAll("\\?.*", "")).distinct().sorted().toList());
        Map<String, String> tokens = calls.stream().collect(Collectors.toMap(
                call -> call.getMethod() + " " + call.getUrl(), call -> String.valueOf(call.getHeader("X-Internal-Token")), (a, b) -> a));
        tokens.forEach((call, token) -> assertEquals(TOKEN, token, call));
    }
}
