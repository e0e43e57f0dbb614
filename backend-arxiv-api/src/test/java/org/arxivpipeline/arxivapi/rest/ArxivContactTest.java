package org.arxivpipeline.arxivapi.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.arxivpipeline.arxivapi.rest.ArxivStandIn.InjectArxiv;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With {@code ARXIV_CONTACT} set, every call tells arXiv whom to reach (without it: ArxivApiResourceTest). */
@QuarkusTest
@WithTestResource(ArxivStandIn.class)
@TestProfile(ArxivContactTest.WithContact.class)
class ArxivContactTest {

    public static class WithContact implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arxiv.contact", "mailto:arxiv-ops@example.org");
        }
    }

    @InjectArxiv
    WireMockServer arxiv;

    @Test
    void everyCallNamesTheSoftwareItsVersionAndTheContact() throws Exception {
        ArxivStandIn.answerEverySearchWith(arxiv, "zero_hits.xml");
        given().queryParam("title", "contact first").when().get("/arxiv-api").then().statusCode(200);
        given().queryParam("title", "contact second").when().get("/arxiv-api").then().statusCode(200);
        String version = ConfigProvider.getConfig().getValue("quarkus.application.version", String.class);
        List<LoggedRequest> calls = arxiv.findAll(getRequestedFor(urlPathEqualTo("/api/query")));
        assertEquals(2, calls.size());
        for (LoggedRequest call : calls) {
            assertEquals("arxiv-pipeline/" + version + " (+mailto:arxiv-ops@example.org)", call.getHeader("User-Agent"));
        }
    }
}
