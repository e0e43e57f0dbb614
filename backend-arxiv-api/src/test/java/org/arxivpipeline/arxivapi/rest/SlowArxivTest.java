package org.arxivpipeline.arxivapi.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.arxivpipeline.arxivapi.SlowArxiv;
import org.arxivpipeline.arxivapi.rest.SlowStandIn.InjectSlowArxiv;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The service against an arXiv that answers slowly (the test profile: read timeout 1.5 s, deadline 4 s,
 * 500 ms kept for a call, interval 200 ms). The stand-in's own log says which searches made a call.
 */
@QuarkusTest
@WithTestResource(SlowStandIn.class)
class SlowArxivTest {

    @InjectSlowArxiv
    SlowArxiv arxiv;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        arxiv.reset();
    }

    private CompletableFuture<HttpResponse<String>> search(String title) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/arxiv-api?title=" + title))
                .timeout(Duration.ofSeconds(20)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSearchWhoseCallTimedOutIsA504AndOnlyOneThatNeverCalledIsA429() throws Exception {
        arxiv.answerAfter(query -> Duration.ofSeconds(10));
        // twelve at once: the first calls time out one after the other while the others wait; the first
        // search's retry finds the line too long for its deadline (it used to answer 429 "line full" for it)
        long start = System.nanoTime();
        Map<String, CompletableFuture<HttpResponse<String>>> searches = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            String word = "honest" + (char) ('a' + i);
            searches.put("ti:" + word, search(word));
        }
        Map<String, HttpResponse<String>> answers = new HashMap<>();
        for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> search : searches.entrySet()) {
            answers.put(search.getKey(), search.getValue().get(30, TimeUnit.SECONDS));
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        Set<String> called = Set.copyOf(arxiv.requested());
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, HttpResponse<String>> answer : answers.entrySet()) {
            HttpResponse<String> response = answer.getValue();
            int expected = called.contains(answer.getKey()) ? 504 : 429;
            if (response.statusCode() != expected) {
                wrong.add(answer.getKey() + " answered " + response.statusCode() + ", expected " + expected + ": " + response.body());
            }
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
            if (response.statusCode() == 429) {
                assertTrue(Long.parseLong(response.headers().firstValue("Retry-After").orElse("0")) >= 1, response.headers().toString());
            }
        }
        assertEquals(List.of(), wrong, "calls: " + arxiv.exchanges());
        assertTrue(called.size() >= 2 && called.size() < 12, "searches that made a call: " + called);
        assertTrue(tookMillis < 4000 + 3000, "answered after " + tookMillis + " ms");
    }

    /** Sends a search on a connection of its own and closes it once {@code gone} says so: a client that goes away. */
    private void leave(String title, BooleanSupplier gone) throws Exception {
        try (Socket client = new Socket("localhost", RestAssured.port)) {
            client.getOutputStream().write(("GET /arxiv-api?title=" + title + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(10)).until(gone::getAsBoolean);
        }
    }

    @Test
    void aClientThatGoesAwayMidCallGivesItsTurnBack() throws Exception {
        arxiv.answerAfter(query -> query.equals("ti:leaving") ? Duration.ofSeconds(3) : Duration.ZERO);
        leave("leaving", () -> arxiv.requested().contains("ti:leaving"));
        assertEquals(200, search("staying").get(20, TimeUnit.SECONDS).statusCode());
        await().atMost(Duration.ofSeconds(5)).until(() -> arxiv.exchanges().size() == 2);
        SlowArxiv.Exchange leaving = arxiv.exchanges().get(0);
        SlowArxiv.Exchange staying = arxiv.exchanges().get(1);
        assertEquals("ti:leaving", leaving.searchQuery());
        assertFalse(leaving.answered());
        // given up as its client left: neither answered after 3 s nor cut by the read timeout (1.5 s)
        long leavingMillis = TimeUnit.NANOSECONDS.toMillis(leaving.endNanos() - leaving.startNanos());
        assertTrue(leavingMillis < 1200, "the abandoned call stayed open " + leavingMillis + " ms");
        assertEquals("ti:staying", staying.searchQuery());
        assertTrue(staying.answered());
        assertTrue(staying.startNanos() >= leaving.endNanos(), arxiv.exchanges().toString());
        assertEquals(1, arxiv.mostOpenAtOnce());
    }

    @Test
    void aClientThatGoesAwayWhileInLineMakesNoCall() throws Exception {
        arxiv.answerAfter(query -> query.equals("ti:ahead") ? Duration.ofSeconds(1) : Duration.ZERO);
        CompletableFuture<HttpResponse<String>> ahead = search("ahead");
        await().atMost(Duration.ofSeconds(10)).until(() -> arxiv.requested().contains("ti:ahead"));
        // waits in line behind the call under way, then its client goes away
        long since = System.nanoTime();
        leave("behind", () -> System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(300));
        assertEquals(200, ahead.get(20, TimeUnit.SECONDS).statusCode());
        // the next search in line comes right after the first: the one that left is no longer in line
        assertEquals(200, search("after").get(20, TimeUnit.SECONDS).statusCode());
        assertEquals(List.of("ti:ahead", "ti:after"), arxiv.requested());
    }

    @Test
    void anAnswerThatTricklesInIsCutAtTheDeadlineAndItsConnectionClosed() throws Exception {
        // a byte every 100 ms: the read timeout (1.5 s of silence) never fires, the whole feed would take a minute
        arxiv.trickle(Duration.ofMillis(100));
        long start = System.nanoTime();
        HttpResponse<String> answer = search("trickling").get(20, TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(504, answer.statusCode(), answer.body());
        assertTrue(tookMillis < 4000 + 2000, "answered after " + tookMillis + " ms");
        await().atMost(Duration.ofSeconds(5)).until(() -> arxiv.exchanges().size() == 1);
        SlowArxiv.Exchange call = arxiv.exchanges().get(0);
        assertFalse(call.answered());
        long openMillis = TimeUnit.NANOSECONDS.toMillis(call.endNanos() - call.startNanos());
        assertTrue(openMillis < 4000 + 1500, "the call stayed open " + openMillis + " ms");
    }

    /** A watch's search yields: refused at once while an interactive one waits, served when none does. */
    @Test
    void aBackgroundSearchNeverTakesATurnWhileAnInteractiveOneWaits() throws Exception {
        arxiv.answerAfter(query -> query.equals("ti:first") ? Duration.ofSeconds(1) : Duration.ZERO);
        CompletableFuture<HttpResponse<String>> first = search("first");
        await().atMost(Duration.ofSeconds(10)).until(() -> arxiv.requested().contains("ti:first"));
        CompletableFuture<HttpResponse<String>> waiting = search("waiting");
        Thread.sleep(200);
        HttpResponse<String> background = search("watched&priority=background").get(5, TimeUnit.SECONDS);
        assertEquals(429, background.statusCode(), background.body());
        assertTrue(background.headers().firstValue("Retry-After").isPresent());
        assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
        assertEquals(200, waiting.get(20, TimeUnit.SECONDS).statusCode());
        // nobody waits now: the background search takes its turn like any other
        assertEquals(200, search("watched&priority=background").get(20, TimeUnit.SECONDS).statusCode());
        assertEquals(List.of("ti:first", "ti:waiting", "ti:watched"), arxiv.requested());
        assertEquals(400, search("x&priority=urgent").get(5, TimeUnit.SECONDS).statusCode());
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("arxiv_background_searches_total{result=\"yielded\",service=\"backend-arxiv-api\"} 1.0"), metrics);
        assertTrue(metrics.contains("arxiv_background_searches_total{result=\"admitted\",service=\"backend-arxiv-api\"} 1.0"), metrics);
    }
}
