package org.arxivpipeline.arxivapi.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import org.arxivpipeline.arxivapi.Feeds;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A local stand-in for arXiv (WireMock): the service under test is pointed at it, and the test gets
 * the server (its stubs and its request log) in a field annotated {@link InjectArxiv}.
 */
public class ArxivStandIn implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectArxiv {
    }

    private WireMockServer server;

    /** Forgets earlier stubs and requests; then every search is answered 200 with the fixture's feed. */
    public static void answerEverySearchWith(WireMockServer arxiv, String fixture) throws IOException {
        arxiv.resetAll();
        arxiv.stubFor(get(urlPathEqualTo("/api/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/atom+xml").withBody(Feeds.fixture(fixture))));
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(20).jettyAcceptors(2));
        server.start();
        return Map.of("arxiv.base-url", server.baseUrl() + "/api/query");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectArxiv.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
