package org.arxivpipeline.arxivapi.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
}
