package org.arxivpipeline.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

/** The watch's releases: once the client is gone, at once when registered late, never after the answer is over. */
class ClientWatchTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aClientFoundGoneReleasesWhatWasRegisteredOnce() throws Exception {
        AtomicBoolean gone = new AtomicBoolean();
        AtomicInteger released = new AtomicInteger();
        ClientWatch watch = ClientWatch.start(gone::get, vertx);
        watch.whenGone(released::incrementAndGet);
        Thread.sleep(ClientWatch.CHECK_MILLIS + 200);
        assertEquals(0, released.get(), "released while the client is there");
        gone.set(true);
        Thread.sleep(2 * ClientWatch.CHECK_MILLIS + 200);
        assertEquals(1, released.get());
    }

    @Test
    void aReleaseRegisteredAfterTheClientLeftRunsAtOnce() {
        AtomicInteger released = new AtomicInteger();
        ClientWatch watch = ClientWatch.start(() -> false, vertx);
        watch.clientLeft();
        watch.whenGone(released::incrementAndGet);
        assertEquals(1, released.get());
        watch.clientLeft();
        assertEquals(1, released.get(), "released twice");
    }

    @Test
    void nothingIsReleasedOnceTheAnswerIsOver() throws Exception {
        AtomicInteger released = new AtomicInteger();
        ClientWatch watch = ClientWatch.start(() -> true, vertx);
        watch.whenGone(released::incrementAndGet);
        watch.stop();
        Thread.sleep(ClientWatch.CHECK_MILLIS + 200);
        watch.clientLeft();
        watch.whenGone(released::incrementAndGet);
        assertEquals(0, released.get());
    }
}
