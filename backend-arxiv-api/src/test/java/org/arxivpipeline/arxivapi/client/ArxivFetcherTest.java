package org.arxivpipeline.arxivapi.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.arxivpipeline.arxivapi.ArxivSettings;
import org.arxivpipeline.arxivapi.SlowArxiv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;

/** The client alone against a stand-in that answers slowly: a call never outlasts its bound, nor its caller. */
class ArxivFetcherTest {

    private final Vertx vertx = Vertx.vertx();
    private SlowArxiv arxiv;
    private ArxivFetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        arxiv = new SlowArxiv();
        // a call may take 300 ms to connect and 700 ms of silence: one second at the most
        fetcher = new ArxivFetcher(vertx, ArxivSettings.with(Map.of("base-url", arxiv.url(), "connect-timeout", "300ms",
                "read-timeout", "700ms")));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.closeAndAwait();
        arxiv.close();
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    @Test
    void anAnswerThatTricklesInEndsAtTheCallTimeoutAndItsConnectionIsClosed() {
        // a byte every 100 ms: the read timeout (700 ms of silence) never fires, the whole 560 bytes would take a minute
        arxiv.trickle(Duration.ofMillis(100));
        long start = System.nanoTime();
        ArxivReply reply = fetcher.fetch(ArxivRequest.of("ti:trickling", 1), () -> { }).await().atMost(Duration.ofSeconds(10));
        long tookMillis = millis(System.nanoTime() - start);
        assertInstanceOf(ArxivReply.TimedOut.class, reply);
        assertTrue(tookMillis >= 950 && tookMillis < 3000, "timed out after " + tookMillis + " ms");
        await().atMost(Duration.ofSeconds(5)).until(() -> arxiv.exchanges().size() == 1);
        SlowArxiv.Exchange call = arxiv.exchanges().get(0);
        assertFalse(call.answered(), "the connection was closed before the body's end");
        assertTrue(millis(call.endNanos() - call.startNanos()) < 2500, call.toString());
    }

    @Test
    void aCallItsCallerGivesUpClosesItsConnection() {
        arxiv.answerAfter(query -> Duration.ofSeconds(5));
        Cancellable call = fetcher.fetch(ArxivRequest.of("ti:abandoned", 1), () -> { }).subscribe().with(reply -> { });
        await().atMost(Duration.ofSeconds(5)).until(() -> arxiv.requested().equals(List.of("ti:abandoned")));
        long cancelled = System.nanoTime();
        call.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> arxiv.exchanges().size() == 1);
        SlowArxiv.Exchange given = arxiv.exchanges().get(0);
        assertFalse(given.answered());
        assertTrue(millis(given.endNanos() - cancelled) < 1000, "closed " + millis(given.endNanos() - cancelled) + " ms after");
    }

    @Test
    void callsThatEndByThemselvesKeepTheirConnectionAlive() {
        for (String query : List.of("ti:first", "ti:second")) {
            ArxivReply reply = fetcher.fetch(ArxivRequest.of(query, 1), () -> { }).await().atMost(Duration.ofSeconds(5));
            assertEquals(200, assertInstanceOf(ArxivReply.Answered.class, reply).status());
        }
        assertEquals(1, arxiv.connections(), "one kept-alive connection for both calls");
    }
}
