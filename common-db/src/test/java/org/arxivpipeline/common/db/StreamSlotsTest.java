package org.arxivpipeline.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.arxivpipeline.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.subscription.Cancellable;

class StreamSlotsTest {

    /** A stream that never ends by itself, counting its subscriptions. */
    private static Multi<Integer> endless(AtomicInteger started) {
        return Multi.createFrom().<Integer>emitter(emitter -> started.incrementAndGet());
    }

    @Test
    void aStreamBeyondTheSlotsWaitsForOneAndGetsItWhenAnotherEnds() {
        StreamSlots slots = new StreamSlots(2, 2, Duration.ofSeconds(5));
        AtomicInteger started = new AtomicInteger();
        AssertSubscriber<Integer> first = slots.guard(() -> endless(started)).subscribe().withSubscriber(AssertSubscriber.create(1));
        slots.guard(() -> endless(started)).subscribe().withSubscriber(AssertSubscriber.create(1));
        AssertSubscriber<Integer> third = slots.guard(() -> endless(started)).subscribe().withSubscriber(AssertSubscriber.create(1));
        assertEquals(2, started.get(), "the third waits");
        assertEquals(2, slots.inUse());

        first.cancel();

        assertEquals(3, started.get(), "the third got the slot the first gave back");
        assertEquals(2, slots.inUse());
        third.assertNotTerminated();
    }

    @Test
    void aFullLineIsRefusedAtOnceAndAWaitThatLastsTooLongWith503() {
        StreamSlots slots = new StreamSlots(1, 1, Duration.ofMillis(200));
        AtomicInteger started = new AtomicInteger();
        slots.guard(() -> endless(started)).subscribe().withSubscriber(AssertSubscriber.create(1));
        AssertSubscriber<Integer> waiting = slots.guard(() -> endless(started)).subscribe().withSubscriber(AssertSubscriber.create(1));
        AssertSubscriber<Integer> beyond = slots.guard(() -> endless(started)).subscribe().withSubscriber(AssertSubscriber.create(1));

        ProblemException refused = assertInstanceOf(ProblemException.class, beyond.getFailure());
        assertEquals(503, refused.status());
        assertEquals(2L, refused.retryAfterSeconds());
        waiting.awaitFailure(Duration.ofSeconds(2));
        assertEquals(503, ((ProblemException) waiting.getFailure()).status());
        assertEquals(1, started.get());
        assertEquals(1, slots.inUse(), "neither refused stream holds a slot");
    }

    @Test
    void slotsComeBackHoweverStreamsEndWaitingOnesIncluded() {
        StreamSlots slots = new StreamSlots(3, 3, Duration.ofSeconds(5));
        List<Cancellable> held = new ArrayList<>();
        AtomicInteger started = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            held.add(slots.guard(() -> endless(started)).subscribe().with(item -> { }));
        }
        // waiting ones cancelled before their turn must not take a slot later
        for (int i = 0; i < 3; i++) {
            slots.guard(() -> endless(started)).subscribe().with(item -> { }).cancel();
        }
        held.get(0).cancel();
        assertEquals(List.of(1, 2), slots.guard(() -> Multi.createFrom().items(1, 2)).collect().asList().await().atMost(Duration.ofSeconds(1)));
        held.forEach(Cancellable::cancel);
        assertEquals(0, slots.inUse());
        slots.guard(() -> Multi.createFrom().<Integer>failure(new IllegalStateException("boom")))
                .subscribe().withSubscriber(AssertSubscriber.create(1)).assertFailedWith(IllegalStateException.class);
        assertEquals(0, slots.inUse());
        assertTrue(started.get() == 3, "only the three held streams ever started: " + started.get());
    }

    /**
     * A waiting stream's turn comes (another stream ends, on one thread) just as its client leaves (on
     * another): whether the stream started or not, nothing of it may stay open. Mutiny's Uni-to-Multi
     * operator drops an inner subscription that arrives after a cancellation without cancelling it; before
     * StreamSlots cancelled it itself, about one race in a few thousand left the stream (and, in a service,
     * its database cursor and transaction) open for good (OverloadIT, 2026-12-06).
     */
    @Test
    void aStreamWhoseTurnComesAsItsClientLeavesNeverStaysOpen() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        try {
            for (int round = 0; round < 20_000; round++) {
                StreamSlots slots = new StreamSlots(1, 1, Duration.ofSeconds(30));
                Cancellable holder = slots.guard(() -> endless(new AtomicInteger())).subscribe().with(item -> { });
                Cancellable waiter = slots.guard(() -> Multi.createFrom().<Integer>emitter(emitter -> {
                    started.incrementAndGet();
                    // once per stream: Mutiny's emitter may run a callback registered during a cancellation twice
                    java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
                    emitter.onTermination(() -> {
                        if (over.compareAndSet(false, true)) {
                            ended.incrementAndGet();
                        }
                    });
                })).subscribe().with(item -> { });
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> turn = threads.submit(() -> {
                    together.await();
                    holder.cancel();
                    return null;
                });
                Future<?> leaving = threads.submit(() -> {
                    together.await();
                    waiter.cancel();
                    return null;
                });
                turn.get(5, TimeUnit.SECONDS);
                leaving.get(5, TimeUnit.SECONDS);
                assertEquals(started.get(), ended.get(), "a stream left open in round " + round);
                assertEquals(0, slots.inUse(), "a slot still taken in round " + round);
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(started.get() > 0, "the race never let a waiting stream start");
    }
}
