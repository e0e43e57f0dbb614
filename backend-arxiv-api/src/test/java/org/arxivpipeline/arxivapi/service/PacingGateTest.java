package org.arxivpipeline.arxivapi.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.arxivpipeline.common.problem.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

/** The gate alone: one permit at a time, starts at least the interval apart, a bounded line. */
class PacingGateTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    /** Takes {@code callers} permits concurrently, each held {@code holdMs}; answers the grant times in ms. */
    private List<Long> run(PacingGate gate, int callers, long holdMs, int queueLimitExpectedRejections) throws Exception {
        List<Long> grants = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> done = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < callers; i++) {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            done.add(finished);
            gate.acquire(deadline).subscribe().with(permit -> {
                grants.add(System.nanoTime() / 1_000_000);
                permit.sending();
                vertx.setTimer(Math.max(1, holdMs), id -> {
                    permit.release();
                    finished.complete(null);
                });
            }, failure -> finished.complete(null));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(grants);
        Collections.sort(sorted);
        return sorted;
    }

    @Test
    void permitsStartAtLeastTheIntervalApart() throws Exception {
        PacingGate gate = new PacingGate(vertx, Duration.ofMillis(100), 50, Duration.ofSeconds(30));
        List<Long> grants = run(gate, 8, 5, 0);
        assertEquals(8, grants.size());
        for (int i = 1; i < grants.size(); i++) {
            assertTrue(grants.get(i) - grants.get(i - 1) >= 99, "grants " + grants);
        }
    }

    @Test
    void aCallLongerThanTheIntervalHoldsTheNextOne() throws Exception {
        PacingGate gate = new PacingGate(vertx, Duration.ofMillis(50), 50, Duration.ofSeconds(30));
        List<Long> grants = run(gate, 4, 150, 0);
        for (int i = 1; i < grants.size(); i++) {
            assertTrue(grants.get(i) - grants.get(i - 1) >= 149, "one at a time: " + grants);
        }
    }

    @Test
    void afterABurstWithRejectionsTheSpacingHolds() throws Exception {
        PacingGate gate = new PacingGate(vertx, Duration.ofMillis(100), 3, Duration.ofSeconds(30));
        List<Long> burst = run(gate, 20, 5, 16);
        assertTrue(burst.size() >= 4 && burst.size() < 20, "the line is bounded: " + burst.size());
        List<Long> after = run(gate, 6, 5, 0);
        assertTrue(after.size() >= 3, after.toString());
        for (int i = 1; i < after.size(); i++) {
            assertTrue(after.get(i) - after.get(i - 1) >= 99, "grants " + after);
        }
    }

    @Test
    void aPermitNeverReleasedIsTakenBackAfterTheMaximumHold() throws Exception {
        PacingGate gate = new PacingGate(vertx, Duration.ofMillis(10), 5, Duration.ofMillis(300));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long start = System.nanoTime();
        gate.acquire(deadline).subscribe().with(lost -> { }); // never released
        Long second = gate.acquire(deadline).map(permit -> {
            permit.release();
            return (System.nanoTime() - start) / 1_000_000;
        }).subscribeAsCompletionStage().get(5, TimeUnit.SECONDS);
        assertTrue(second >= 290 && second < 3000, "the next caller got its turn after " + second + " ms");
    }

    @Test
    void aCallerStillInLineAtItsDeadlineIsRefusedThenAndLeavesTheLine() throws Exception {
        // the line estimates 10 ms a turn, but the call ahead holds its permit: the caller behind it is
        // admitted, then refused when its deadline comes, as a search that never got its turn
        PacingGate gate = new PacingGate(vertx, Duration.ofMillis(10), 5, Duration.ofSeconds(30));
        PacingGate.Permit held = gate.acquire(System.nanoTime() + TimeUnit.SECONDS.toNanos(10)).subscribeAsCompletionStage()
                .get(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        Throwable refused = gate.acquire(start + TimeUnit.MILLISECONDS.toNanos(400)).subscribeAsCompletionStage()
                .handle((permit, failure) -> failure).get(5, TimeUnit.SECONDS);
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(refused instanceof NoTurn, String.valueOf(refused));
        assertEquals(429, ((NoTurn) refused).status());
        assertTrue(((NoTurn) refused).retryAfterSeconds() >= 1);
        assertTrue(waitedMillis >= 390 && waitedMillis < 3000, "refused after " + waitedMillis + " ms");
        assertEquals(0, gate.waiting());
        held.release();
        // the line goes on: the next caller gets the permit the refused one never took
        gate.acquire(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)).subscribeAsCompletionStage().get(5, TimeUnit.SECONDS).release();
    }

    @Test
    void backgroundCallersGetATurnOnlyWhenNoInteractiveCallerWaits() throws Exception {
        PacingGate gate = new PacingGate(vertx, Duration.ofMillis(50), 2, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        PacingGate.Permit held = gate.acquire(deadline).subscribeAsCompletionStage().get(5, TimeUnit.SECONDS);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (String caller : List.of("background 1", "background 2", "interactive 1")) {
            done.add(gate.acquire(deadline, caller.startsWith("background")).map(permit -> {
                order.add(caller);
                vertx.setTimer(20, id -> permit.release());
                return (Void) null;
            }).subscribeAsCompletionStage());
        }
        // background callers wait beside the line: the two of them are not counted against the interactive
        // caller behind them (the line holds two here)
        assertEquals(1, gate.waiting());
        assertEquals(2, gate.waitingInBackground());
        held.release();
        // an interactive caller that comes while a background one is being served still goes before the next
        done.get(0).get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> late = gate.acquire(deadline).map(permit -> {
            order.add("interactive 2");
            permit.release();
            return (Void) null;
        }).subscribeAsCompletionStage();
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        late.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("interactive 1", "background 1", "interactive 2", "background 2"), order);
    }

    @Test
    void aBackgroundCallerThatNeverGetsATurnIsRefusedAtItsDeadline() throws Exception {
        PacingGate gate = new PacingGate(vertx, Duration.ofMillis(50), 10, Duration.ofSeconds(30));
        PacingGate.Permit held = gate.acquire(System.nanoTime() + TimeUnit.SECONDS.toNanos(10)).subscribeAsCompletionStage()
                .get(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        Throwable refused = gate.acquire(start + TimeUnit.MILLISECONDS.toNanos(300), true).subscribeAsCompletionStage()
                .handle((permit, failure) -> failure).get(5, TimeUnit.SECONDS);
        assertTrue(refused instanceof NoTurn, String.valueOf(refused));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(290), "refused at its deadline, not before");
        assertEquals(0, gate.waitingInBackground());
        held.release();
    }

    @Test
    void theLineCountsWhatATurnCostsBeyondTheInterval() throws Exception {
        // turns of 100 ms plus 100 ms for what a shared turn costs: behind the permit out, a caller with
        // 350 ms left fits (200 ms), the next one (400 ms) is refused at once; by intervals alone both fit
        PacingGate gate = new PacingGate(vertx, Duration.ofMillis(100), Duration.ofMillis(100), 10, Duration.ofSeconds(30));
        PacingGate.Permit held = gate.acquire(System.nanoTime() + TimeUnit.SECONDS.toNanos(10)).subscribeAsCompletionStage()
                .get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(350);
        CompletableFuture<PacingGate.Permit> fits = gate.acquire(deadline).subscribeAsCompletionStage();
        Throwable refused = gate.acquire(deadline).subscribeAsCompletionStage().handle((permit, failure) -> failure).get(5, TimeUnit.SECONDS);
        assertTrue(refused instanceof NoTurn, String.valueOf(refused));
        assertEquals(1, gate.waiting());
        held.release();
        fits.get(5, TimeUnit.SECONDS).release();
    }

    @Test
    void callersTheLineCannotServeInTimeAreRefusedAsSoonAsTheTurnsShowItNotAtTheirDeadline() throws Exception {
        // the line estimates 50 ms a turn and admits all ten (deadline 1.5 s), but each call holds its permit
        // 300 ms: once turns are seen to take 300 ms, those that cannot start by their deadline are refused
        // then, long before it, and the others are served
        PacingGate gate = new PacingGate(vertx, Duration.ofMillis(50), 50, Duration.ofSeconds(30));
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(1500);
        List<Long> refusedAfter = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CompletableFuture<Boolean> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            gate.acquire(deadline).subscribe().with(permit -> vertx.setTimer(300, id -> {
                permit.release();
                outcome.complete(true);
            }), failure -> {
                refusedAfter.add((System.nanoTime() - start) / 1_000_000);
                outcome.complete(!(failure instanceof NoTurn));
            });
        }
        int served = 0;
        for (CompletableFuture<Boolean> outcome : outcomes) {
            served += outcome.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertTrue(served >= 4 && served <= 6, "served " + served + ", refused after " + refusedAfter);
        assertEquals(10 - served, refusedAfter.size());
        for (long millis : refusedAfter) {
            assertTrue(millis < 1200, "refused after " + refusedAfter + " ms: not at the deadline (1500 ms) but when the turns showed it");
        }
    }

    @Test
    void aFullLineIsA429WithRetryAfter() {
        PacingGate gate = new PacingGate(vertx, Duration.ofSeconds(3), 1, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        gate.acquire(deadline).subscribe().with(permit -> { });
        gate.acquire(deadline).subscribe().with(permit -> { });
        ProblemException refused = gate.acquire(deadline).subscribe().asCompletionStage()
                .handle((permit, failure) -> (ProblemException) failure).toCompletableFuture().join();
        assertEquals(429, refused.status());
        assertTrue(refused.retryAfterSeconds() >= 1);
    }
}
