package org.arxivpipeline.arxivapi.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.arxivpipeline.arxivapi.config.ArxivConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.mutiny.core.Vertx;

/** The HTTP call to arXiv against a stand-in: what it reads into a reply, and a stale kept-alive connection sent again. */
class ArxivFetcherTest {

    private final WireMockServer arxiv = new WireMockServer(wireMockConfig().dynamicPort());
    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger sent = new AtomicInteger();
    private ArxivFetcher fetcher;

    @BeforeEach
    void start() {
        arxiv.start();
        fetcher = fetcher("http://localhost:" + arxiv.port() + "/api/query");
    }

    @AfterEach
    void stop() {
        fetcher.stop();
        vertx.closeAndAwait();
        arxiv.stop();
    }

    private ArxivFetcher fetcher(String baseUrl) {
        ArxivFetcher fetcher = new ArxivFetcher();
        fetcher.vertx = vertx;
        // durations as Quarkus reads them ("500ms")
        fetcher.config = new SmallRyeConfigBuilder().withMapping(ArxivConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValue("arxiv.base-url", baseUrl)
                .withDefaultValue("arxiv.connect-timeout", "1s")
                .withDefaultValue("arxiv.read-timeout", "500ms")
                .build().getConfigMapping(ArxivConfig.class);
        fetcher.start();
        return fetcher;
    }

    private ArxivReply fetch() throws Exception {
        return fetcher.fetch("ti:electron", 2, sent::incrementAndGet).subscribeAsCompletionStage().get(10, TimeUnit.SECONDS);
    }

    private int requests() {
        return arxiv.getAllServeEvents().size();
    }

    @Test
    void anAnswerCarriesItsStatusDateRetryAfterAndBody() throws Exception {
        arxiv.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("Date", "Mon, 06 May 2024 16:58:09 GMT")
                .withHeader("Retry-After", "7").withBody("busy")));
        ArxivReply.Answered answered = assertInstanceOf(ArxivReply.Answered.class, fetch());
        assertEquals(503, answered.status());
        assertEquals(1715014689L, answered.dateSeconds());
        assertEquals(7L, answered.retryAfterSeconds());
        assertArrayEquals("busy".getBytes(StandardCharsets.UTF_8), answered.body());
        assertEquals(1, sent.get());
    }

    @Test
    void anUnreadableDateOrRetryAfterIsNull() throws Exception {
        arxiv.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Date", "yesterday")
                .withHeader("Retry-After", "0")));
        ArxivReply.Answered answered = assertInstanceOf(ArxivReply.Answered.class, fetch());
        assertNull(answered.dateSeconds());
        assertNull(answered.retryAfterSeconds());
    }

    @Test
    void aKeptAliveConnectionClosedBeforeAnsweringIsSentAgainAtOnceOnANewOne() throws Exception {
        arxiv.stubFor(get(anyUrl()).inScenario("stale").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody("first")).willSetStateTo("closed"));
        arxiv.stubFor(get(anyUrl()).inScenario("stale").whenScenarioStateIs("closed")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("open again"));
        arxiv.stubFor(get(anyUrl()).inScenario("stale").whenScenarioStateIs("open again")
                .willReturn(aResponse().withStatus(200).withBody("second")));
        assertEquals(200, assertInstanceOf(ArxivReply.Answered.class, fetch()).status());

        sent.set(0);
        ArxivReply.Answered again = assertInstanceOf(ArxivReply.Answered.class, fetch());
        assertArrayEquals("second".getBytes(StandardCharsets.UTF_8), again.body());
        assertEquals(3, requests());
        // the pacing hook ran for the request sent again too: the next call is spaced from it
        assertEquals(2, sent.get());
    }

    @Test
    void aNewConnectionResetIsAFailureNotSentAgain() throws Exception {
        arxiv.stubFor(get(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertInstanceOf(ArxivReply.ConnectionFailed.class, fetch());
        assertEquals(1, requests());
    }

    @Test
    void aKeptAliveConnectionFailingOnceItHasAnsweredIsNotSentAgain() throws Exception {
        arxiv.stubFor(get(anyUrl()).inScenario("broken answer").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody("first")).willSetStateTo("broken"));
        arxiv.stubFor(get(anyUrl()).inScenario("broken answer").whenScenarioStateIs("broken")
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        fetch();
        assertInstanceOf(ArxivReply.ConnectionFailed.class, fetch());
        assertEquals(2, requests());
    }

    @Test
    void aKeptAliveConnectionThatStaysSilentIsATimeoutNotSentAgain() throws Exception {
        arxiv.stubFor(get(anyUrl()).inScenario("silent").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody("first")).willSetStateTo("silent"));
        arxiv.stubFor(get(anyUrl()).inScenario("silent").whenScenarioStateIs("silent")
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        fetch();
        assertInstanceOf(ArxivReply.TimedOut.class, fetch());
        assertEquals(2, requests());
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        fetcher.stop();
        fetcher = fetcher("http://localhost:" + closed + "/api/query");
        assertInstanceOf(ArxivReply.Unreachable.class, fetch());
        assertEquals(0, sent.get());
    }

    @Test
    void aRefusingSendingHookKeepsTheRequestUnsent() throws Exception {
        arxiv.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200)));
        IllegalStateException refusal = new IllegalStateException("too late for the slot");
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> fetcher.fetch("ti:electron", 2, () -> {
                    throw refusal;
                }).subscribeAsCompletionStage().get(10, TimeUnit.SECONDS));
        assertSame(refusal, failed.getCause());
        assertEquals(0, requests());
    }
}
