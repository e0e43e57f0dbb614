package org.arxivpipeline.common.db;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.arxivpipeline.common.problem.ProblemException;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A bulkhead for long reads: at most {@code slots} streams hold a database connection at once, so a
 * burst of downloads (or of clients that start one and leave) can never take every connection of the
 * pool that also serves the short reads. A stream that finds every slot taken waits up to
 * {@code wait} in line (a waiting stream holds nothing but its request; beyond {@code waitingLine} of
 * them a stream is refused at once), then is refused with 503 and {@code Retry-After}. A slot is given back however the stream ends, including a cancellation while it
 * was still waiting. (SmallRye Fault Tolerance's bulkhead guards a call, not a stream that outlives it.)
 */
public final class StreamSlots {

    private final int slots;
    private final int waitingLine;
    private final Duration wait;
    private final ArrayDeque<Permit> waiting = new ArrayDeque<>();
    private int taken;

    public StreamSlots(int slots, int waitingLine, Duration wait) {
        if (slots < 1) {
            throw new IllegalArgumentException("streams need at least one slot, got " + slots);
        }
        this.slots = slots;
        this.waitingLine = waitingLine;
        this.wait = wait;
    }

    /** {@code stream}, subscribed once it holds a slot; the slot is given back when it ends. */
    public <T> Multi<T> guard(Supplier<Multi<T>> stream) {
        return Multi.createFrom().deferred(() -> {
            Permit permit = new Permit();
            // the turn may come on another thread just as the client leaves: AfterUni cancels a stream started then
            return AfterUni.stream(permit.granted(), ignored -> stream.get())
                    .onTermination().invoke(() -> end(permit));
        });
    }

    /** Slots in use now (for tests and metrics). */
    public synchronized int inUse() {
        return taken;
    }

    private void end(Permit permit) {
        Permit next = null;
        synchronized (this) {
            if (permit.state == State.GRANTED) {
                taken--;
                next = waiting.poll();
                if (next != null) {
                    taken++;
                    next.state = State.GRANTED;
                }
            } else if (permit.state == State.WAITING) {
                waiting.remove(permit);
            }
            permit.state = State.ENDED;
        }
        if (next != null) {
            next.turn.complete(null);
        }
    }

    private enum State { WAITING, GRANTED, ENDED }

    private final class Permit {

        final CompletableFuture<Void> turn = new CompletableFuture<>();
        /** Guarded by the enclosing StreamSlots. */
        State state = State.WAITING;

        Uni<Void> granted() {
            boolean now;
            synchronized (StreamSlots.this) {
                now = taken < slots;
                if (now) {
                    taken++;
                    state = State.GRANTED;
                } else if (waiting.size() >= waitingLine) {
                    state = State.ENDED;
                    return Uni.createFrom().failure(busy());
                } else {
                    waiting.add(this);
                }
            }
            if (now) {
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().completionStage(turn)
                    .ifNoItem().after(wait).failWith(StreamSlots::busy);
        }
    }

    private static ProblemException busy() {
        return ProblemException.unavailable("Too many downloads at once; try again shortly", 2);
    }
}
