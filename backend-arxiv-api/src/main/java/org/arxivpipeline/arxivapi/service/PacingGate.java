package org.arxivpipeline.arxivapi.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The waiting line in front of arXiv: one call at a time, and at least {@code interval} between the
 * starts of two calls, for every user of this process together. Nothing blocks a thread: a waiter is
 * an emitter completed by a Vert.x timer, on the waiter's own context.
 * <p>
 * The line is bounded: when it is full, or the caller's turn would come after its deadline, the caller
 * gets a 429 with {@code Retry-After} at once instead of waiting in vain. The estimate counts intervals
 * (and what a turn costs beyond one), or the turns' real length once callers have waited (calls slower than
 * the interval, a shared turn's polling); each turn handed out refuses at once the callers whose turn would
 * now come too late, and a caller still in line at its deadline gets its 429 then ({@link NoTurn}): it never
 * got its turn. Pacing is per process: N replicas make N calls per interval unless they share the PostgreSQL
 * pacing table ({@link SharedPacing}).
 * <p>
 * Background callers (a watch's run) wait in a line of their own behind it: a turn goes to one of them only
 * when no interactive caller is waiting, so an interactive caller never waits behind one, and the estimates
 * that admit or refuse interactive callers count interactive callers only. A background caller that gets no
 * turn before its deadline is refused then, as an interactive one would be.
 */
public final class PacingGate {

    private final Vertx vertx;
    private final long intervalNanos;
    /** A turn as the line estimates it: the interval and what a turn costs beyond it. */
    private final long turnNanos;
    private final int maxQueue;
    private final long maxHoldMillis;

    private final Deque<Waiter> queue = new ArrayDeque<>();
    /** Background callers, served only when {@link #queue} is empty. */
    private final Deque<Waiter> background = new ArrayDeque<>();
    /** A permit is out, or the timer that hands the next one out is pending. */
    private boolean busy;
    private long lastStart;
    private boolean started;
    /**
     * How far apart turns have really been handed out while callers waited (0 before the first such turn):
     * calls slower than the interval, a shared turn's polling and a busy machine make the line slower than
     * {@code turnNanos}, and the line estimates with whichever is longer. The shorter of the last two gaps,
     * so that one slow turn (a machine busy for a moment) does not refuse callers the line can serve.
     */
    private long observedTurnNanos;
    private long lastGap;
    /** When the last permit was handed out, and whether callers were waiting then (the next gap is a turn's length). */
    private long lastGrant;
    private boolean backlogged;

    public PacingGate(Vertx vertx, java.time.Duration interval, int maxQueue, java.time.Duration maxHold) {
        this(vertx, interval, java.time.Duration.ZERO, maxQueue, maxHold);
    }

    /**
     * @param turnCost what each turn costs beyond the interval, counted when the line estimates when a caller
     *        would start (a turn shared with other replicas takes a statement's round trip and a timer more)
     * @param maxHold a permit not released within this is taken back (a safety net: a caller lost
     *        between getting its permit and using it must not stop every later call)
     */
    public PacingGate(Vertx vertx, java.time.Duration interval, java.time.Duration turnCost, int maxQueue, java.time.Duration maxHold) {
        this.vertx = vertx;
        this.intervalNanos = interval.toNanos();
        this.turnNanos = interval.plus(turnCost).toNanos();
        this.maxQueue = maxQueue;
        this.maxHoldMillis = Math.max(1, maxHold.toMillis());
    }

    /** One call's right to talk to arXiv; released exactly once when the call ends. */
    public final class Permit {
        private final AtomicBoolean released = new AtomicBoolean();

        /**
         * The request is about to go out now (its connection is open): the interval to the next call
         * counts from here, so time spent connecting cannot shorten the gap arXiv sees.
         */
        public void sending() {
            synchronized (PacingGate.this) {
                if (!released.get()) {
                    lastStart = System.nanoTime();
                }
            }
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                synchronized (PacingGate.this) {
                    busy = false;
                    pump();
                }
            }
        }
    }

    private static final class Waiter {
        final UniEmitter<? super Permit> emitter;
        final Context context;
        /** Set, under the waiter's lock, when the waiter's Uni ends otherwise than by the delivery of its permit. */
        volatile boolean cancelled;
        /** The permit handed to the emitter, and whether that hand-over is under way (see deliver); guarded by the waiter. */
        Permit delivered;
        boolean delivering;
        /** The Vert.x timer that refuses the waiter at its deadline; guarded by the gate. */
        long deadlineTimer;

        /** System.nanoTime by which its call must start. */
        final long deadlineNanos;

        Waiter(UniEmitter<? super Permit> emitter, Context context, long deadlineNanos) {
            this.emitter = emitter;
            this.context = context;
            this.deadlineNanos = deadlineNanos;
        }
    }

    /** Waits for this caller's turn; a 429 when the turn would come after {@code deadlineNanos} (System.nanoTime). */
    public Uni<Permit> acquire(long deadlineNanos) {
        return acquire(deadlineNanos, false);
    }

    /**
     * As {@link #acquire(long)}; {@code inBackground}: a caller that yields, served only when no interactive
     * caller waits, refused (429) when its line is full or at its deadline.
     */
    public Uni<Permit> acquire(long deadlineNanos, boolean inBackground) {
        return Uni.createFrom().<Permit>emitter(emitter -> {
            Waiter waiter = new Waiter(emitter, Vertx.currentContext(), deadlineNanos);
            emitter.onTermination(() -> {
                synchronized (waiter) {
                    if (waiter.delivering) {
                        return;
                    }
                    waiter.cancelled = true;
                    if (waiter.delivered != null) {
                        waiter.delivered.release();
                    }
                }
                synchronized (this) {
                    if (queue.remove(waiter) || background.remove(waiter)) {
                        vertx.cancelTimer(waiter.deadlineTimer);
                    }
                }
            });
            synchronized (this) {
                long now = System.nanoTime();
                if (inBackground && background.size() >= maxQueue) {
                    emitter.fail(new NoTurn("The arXiv waiting line of background searches is full",
                            seconds(expectedStart(queue.size() + background.size(), now) - now)));
                    return;
                }
                // a background caller is not refused by the estimate: interactive callers may pass it until its deadline
                long expectedStart = expectedStart(queue.size(), now);
                if (!inBackground && (queue.size() >= maxQueue || expectedStart > deadlineNanos)) {
                    emitter.fail(new NoTurn("The arXiv waiting line is full: this search could not start within its deadline",
                            seconds(expectedStart - now)));
                    return;
                }
                (inBackground ? background : queue).add(waiter);
                waiter.deadlineTimer = vertx.setTimer(Math.max(1, (deadlineNanos - now) / 1_000_000L), id -> expire(waiter));
                pump();
            }
        });
    }

    /** When the caller behind {@code ahead} others would start: a turn each, as estimated or as observed when longer. */
    private long expectedStart(int ahead, long now) {
        return started ? Math.max(now, lastStart + Math.max(turnNanos, observedTurnNanos) * (ahead + 1L)) : now;
    }

    /**
     * After a turn is handed out: learns how long turns really take, and refuses at once every caller whose
     * turn would now come after its deadline, instead of keeping it in line until then (a 429 told late).
     */
    private void refuseThoseTooFarBack(long now) {
        if (backlogged && lastGrant != 0) {
            long gap = now - lastGrant;
            observedTurnNanos = lastGap == 0 ? gap : Math.min(gap, lastGap);
            lastGap = gap;
        }
        lastGrant = now;
        backlogged = !queue.isEmpty() || !background.isEmpty();
        int ahead = 0;
        for (Iterator<Waiter> line = queue.iterator(); line.hasNext();) {
            Waiter waiter = line.next();
            long expected = expectedStart(ahead, now);
            if (expected <= waiter.deadlineNanos) {
                ahead++;
                continue;
            }
            line.remove();
            vertx.cancelTimer(waiter.deadlineTimer);
            NoTurn refusal = new NoTurn("The arXiv waiting line moves slower than estimated: this search could not start within its deadline",
                    seconds(expected - now));
            if (waiter.context != null) {
                waiter.context.runOnContext(v -> waiter.emitter.fail(refusal));
            } else {
                vertx.runOnContext(v -> waiter.emitter.fail(refusal));
            }
        }
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    /** The waiter's deadline has come while it was still in line: the calls ahead took longer than estimated. */
    private void expire(Waiter waiter) {
        long retryAfter;
        synchronized (this) {
            if (!queue.remove(waiter) && !background.remove(waiter)) {
                return;
            }
            retryAfter = seconds(expectedStart(queue.size(), System.nanoTime()) - System.nanoTime());
        }
        waiter.emitter.fail(new NoTurn("The arXiv waiting line moved too slowly: this search could not start within its deadline",
                retryAfter));
    }

    /** Interactive requests waiting for their turn. */
    public synchronized int waiting() {
        return queue.size();
    }

    /** Background requests waiting for a turn that no interactive request wants. */
    public synchronized int waitingInBackground() {
        return background.size();
    }

    /** The most requests that may wait: one more is refused at once (429). */
    public int capacity() {
        return maxQueue;
    }

    /** Hands the next permit out when none is out, no sooner than {@code interval} after the last start. */
    private void pump() {
        if (busy || queue.isEmpty() && background.isEmpty()) {
            return;
        }
        busy = true;
        long wait = started ? lastStart + intervalNanos - System.nanoTime() : 0;
        if (wait <= 0) {
            grant();
        } else {
            vertx.setTimer(Math.max(1, wait / 1_000_000L), id -> {
                synchronized (this) {
                    grant();
                }
            });
        }
    }

    private void grant() {
        // an interactive caller first; a background one only when none is left (chosen now, at the turn, so
        // that an interactive caller who came while the timer ran still goes first)
        Waiter interactive = firstLive(queue);
        Waiter waiter = interactive != null ? interactive : firstLive(background);
        if (waiter == null) {
            busy = false;
            return;
        }
        vertx.cancelTimer(waiter.deadlineTimer);
        started = true;
        lastStart = System.nanoTime();
        refuseThoseTooFarBack(lastStart);
        Permit permit = new Permit();
        vertx.setTimer(maxHoldMillis, id -> permit.release());
        if (waiter.context != null) {
            waiter.context.runOnContext(v -> deliver(waiter, permit));
        } else {
            deliver(waiter, permit);
        }
    }

    /** The first waiter of {@code line} not cancelled, taken out of it with the cancelled ones before it; null when none. */
    private static Waiter firstLive(Deque<Waiter> line) {
        Waiter next = line.poll();
        while (next != null && next.cancelled) {
            next = line.poll();
        }
        return next;
    }

    /**
     * Under the waiter's lock. The emitter takes either the permit or a cancellation, whichever comes first:
     * the permit taken, its termination callback runs within {@code complete} (and is ignored) and the caller
     * releases the permit; a cancellation first, {@code complete} is ignored and the cancellation's callback,
     * once it has the lock, releases the permit, which would otherwise be lost until its maximum hold.
     */
    private void deliver(Waiter waiter, Permit permit) {
        synchronized (waiter) {
            if (waiter.cancelled) {
                permit.release();
                return;
            }
            waiter.delivered = permit;
            waiter.delivering = true;
            waiter.emitter.complete(permit);
            waiter.delivering = false;
        }
    }
}
