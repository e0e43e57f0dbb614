package org.arxivpipeline.frontend;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One WireMock server standing in for the four backends (their paths do not overlap); the test gets it
 * in a field annotated {@link InjectBackends}.
 */
public class BackendsStandIn implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectBackends {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(30).jettyAcceptors(2));
        server.start();
        return Map.of(
                "quarkus.rest-client.arxiv-api.url", server.baseUrl(),
                "quarkus.rest-client.sequence.url", server.baseUrl(),
                "quarkus.rest-client.queries.url", server.baseUrl(),
                "quarkus.rest-client.results.url", server.baseUrl(),
                "quarkus.rest-client.watches.url", server.baseUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectBackends.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
