package org.arxivpipeline.frontend.client.stork;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Three instances of every backend, as three WireMock servers (the backends' paths do not overlap, so
 * each server stands in for one instance of all four), behind Stork static lists. Init argument
 * {@code dead}: that many closed ports listed before the live instances, for every backend.
 */
public class BackendInstancesStandIn implements QuarkusTestResourceLifecycleManager {

    static final int LIVE = 3;
    static final List<String> SERVICES = List.of("backend-arxiv-api", "backend-sequence", "backend-queries", "backend-results");
    private static final Map<String, String> CLIENT_OF = Map.of("backend-arxiv-api", "arxiv-api", "backend-sequence", "sequence",
            "backend-queries", "queries", "backend-results", "results");

    static final String HISTORY = """
            [{"query_id": 42, "timestamp": 1715014689, "time": "2024-05-06T16:58:09Z", "status": 200, "num_results": 1532,
              "num_entries": 10, "query": "ArXiv Query: ti:electron"}]""";
    static final String PAGE = """
            {"results": [], "page": 0, "items_per_page": 10, "total": 0, "next_cursor": null}""";
    static final String ARXIV_ANSWER = """
            {"data": [{"arxiv_id": "2405.01234v1", "title": "Electrons", "authors": "A. Author", "journal": null, "doi": null,
               "primary_category": "hep-th", "published": "2024-05-02T17:59:59Z", "url": "http://arxiv.org/abs/2405.01234v1"}],
             "timestamp": 1715014689, "status": 200, "num_results": 1, "num_entries": 1, "query": "ti:electron"}""";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectInstances {
    }

    /** The live instances, in the order of the address lists. */
    public record Instances(List<WireMockServer> servers) {

        /** How many GETs of {@code path} each instance received. */
        public List<Integer> gets(String path) {
            return servers.stream().map(s -> s.isRunning() ? s.findAll(getRequestedFor(urlPathEqualTo(path))).size() : -1).toList();
        }

        /** How many POSTs of {@code path} each instance received. */
        public List<Integer> posts(String path) {
            return servers.stream().map(s -> s.isRunning() ? s.findAll(postRequestedFor(urlPathEqualTo(path))).size() : -1).toList();
        }

        public void resetRequests() {
            servers.stream().filter(WireMockServer::isRunning).forEach(WireMockServer::resetRequests);
        }
    }

    private final List<WireMockServer> servers = new ArrayList<>();
    private int dead;

    @Override
    public void init(Map<String, String> initArgs) {
        dead = Integer.parseInt(initArgs.getOrDefault("dead", "0"));
    }

    @Override
    public Map<String, String> start() {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < dead; i++) {
            addresses.add("localhost:" + closedPort());
        }
        for (int i = 0; i < LIVE; i++) {
            WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(20).jettyAcceptors(1));
            server.start();
            server.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(okJson(ARXIV_ANSWER)));
            // a number per instance, so a query id tells which instance gave it
            server.stubFor(get(urlPathEqualTo("/get-sequence")).willReturn(okJson("{\"sequence\": " + (100 + i) + "}")));
            server.stubFor(post(urlPathEqualTo("/write-results")).willReturn(aResponse().withStatus(201)));
            server.stubFor(post(urlPathEqualTo("/write-queries")).willReturn(aResponse().withStatus(201)));
            server.stubFor(get(urlPathEqualTo("/read-queries")).willReturn(okJson(HISTORY).withHeader("X-Record-Form", "public")));
            server.stubFor(get(urlPathEqualTo("/read-results")).willReturn(okJson(PAGE)));
            servers.add(server);
            addresses.add("localhost:" + server.port());
        }
        String list = addresses.stream().collect(Collectors.joining(","));
        Map<String, String> config = new HashMap<>();
        for (String service : SERVICES) {
            config.put("quarkus.rest-client." + CLIENT_OF.get(service) + ".url", "stork://" + service);
            config.put("quarkus.stork." + service + ".service-discovery.type", "static");
            config.put("quarkus.stork." + service + ".service-discovery.address-list", list);
        }
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(new Instances(List.copyOf(servers)),
                new TestInjector.AnnotatedAndMatchesType(InjectInstances.class, Instances.class));
    }

    @Override
    public void stop() {
        servers.stream().filter(WireMockServer::isRunning).forEach(WireMockServer::stop);
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
