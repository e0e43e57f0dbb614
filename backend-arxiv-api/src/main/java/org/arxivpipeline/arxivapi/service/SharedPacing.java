package org.arxivpipeline.arxivapi.service;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.arxivpipeline.arxivapi.repository.PacingRepository;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The arXiv call slots shared by every backend-arxiv-api replica, through the one-row table
 * {@code arxiv_pacing} of PostgreSQL ({@link PacingRepository}). One statement reserves the next free slot
 * (concurrent reservations, from any replica, take distinct slots at least {@code interval} apart);
 * the caller then waits for its slot on a Vert.x timer, without blocking a thread.
 * <p>
 * A slot further away than the caller can wait is not taken: the caller gets a 429 and the slot stays
 * free for another.
 * <p>
 * A caller's timer may fire late on a busy machine (a full event loop, a collection, two cores shared by
 * many processes); two calls could then start closer than the interval (the first late, the next on
 * time). So slots are {@code interval + guard} apart, and a call must start within half the guard of its
 * slot: a caller whose timer fired later, or whose connection took longer to open (checked again right
 * before the request is written), gives the slot up unsent and reserves another. The other half of the
 * guard covers the time from that check to the request reaching arXiv. Calls therefore reach arXiv at
 * least {@code interval} apart, whatever the replica. When the database cannot be reached, the caller goes ahead under this process's own
 * pacing (one call per interval per replica) and a warning says so, at most once a minute: the suite
 * keeps answering, paced, rather than failing every search while PostgreSQL is away.
 */
public final class SharedPacing {

    private static final Logger LOG = Logger.getLogger(SharedPacing.class);

    private static final Duration RESERVATION_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Reservations per call: a caller late for this many slots goes at once (with a warning), so that a
     * database or machine slower than the guard delays searches rather than refusing every one.
     */
    public static final int MAX_RESERVATIONS = 3;

    private final Vertx vertx;
    private final PacingRepository slots;
    private final Duration spacing;
    private final double spacingSeconds;
    /**
     * How late after its slot a call may still start: half the guard. The other half covers the time
     * between that last check and the request's bytes reaching arXiv (the write waits for the event loop).
     */
    private final long startWindowNanos;
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);

    public SharedPacing(Vertx vertx, PacingRepository slots, Duration interval, Duration guard) {
        this.vertx = vertx;
        this.slots = slots;
        this.spacing = interval.plus(guard);
        this.spacingSeconds = spacing.toNanos() / 1e9;
        this.startWindowNanos = guard.toNanos() / 2;
    }

    /** Time between two slots: the interval plus the guard. */
    public Duration spacing() {
        return spacing;
    }

    /**
     * A reserved slot: the call must start by {@code latestStartNanos} (System.nanoTime), or it would start
     * less than the interval before the next replica's call.
     */
    public record Slot(long latestStartNanos, boolean enforced) {

        /** No slot to keep: the database is away, or the caller was late too often and goes anyway. */
        static final Slot ANY = new Slot(0, false);

        /** True when it is too late to start the call in this slot (checked right before the request is written). */
        public boolean missed() {
            return enforced && System.nanoTime() - latestStartNanos > 0;
        }
    }

    /** The call was about to start after its slot had passed: not sent; the caller reserves a later slot. */
    public static final class SlotMissed extends RuntimeException {
        public SlotMissed() {
            super("arXiv call slot missed", null, false, false);
        }
    }

    /**
     * Completes when this replica's reserved slot has come; fails with a 429 when no slot comes before
     * {@code startDeadlineNanos} (System.nanoTime).
     *
     * @param enforce false after too many missed slots: the answered slot is then not to be checked
     */
    public Uni<Slot> awaitSlot(long startDeadlineNanos, boolean enforce) {
        return reserve(startDeadlineNanos, enforce ? 1 : MAX_RESERVATIONS);
    }

    private Uni<Slot> reserve(long startDeadlineNanos, int reservation) {
        double maxWaitSeconds = Math.max(0, (startDeadlineNanos - System.nanoTime()) / 1e9);
        return slots.reserve(spacingSeconds, maxWaitSeconds)
                // a reservation is one short statement: a database this slow counts as away
                .ifNoItem().after(RESERVATION_TIMEOUT).fail()
                .onItemOrFailure().transformToUni((reserved, failure) -> {
                    if (failure != null) {
                        warnDegraded(failure);
                        return Uni.createFrom().item(Slot.ANY);
                    }
                    if (reserved.isEmpty()) {
                        return Uni.createFrom().failure(lineFull(maxWaitSeconds));
                    }
                    // the wait counts from when PostgreSQL ran the statement; the answer's way back (short:
                    // a pool's wait for a connection comes before the statement) is not counted
                    long slot = System.nanoTime() + Math.max(0, (long) (reserved.get() * 1e9));
                    return timer(slot - System.nanoTime()).flatMap(fired -> {
                        long lateness = System.nanoTime() - slot;
                        if (lateness <= startWindowNanos) {
                            return Uni.createFrom().item(new Slot(slot + startWindowNanos, reservation < MAX_RESERVATIONS));
                        }
                        if (reservation >= MAX_RESERVATIONS) {
                            warnLate(lateness);
                            return Uni.createFrom().item(Slot.ANY);
                        }
                        return reserve(startDeadlineNanos, reservation + 1);
                    });
                });
    }

    private NoTurn lineFull(double maxWaitSeconds) {
        long retryAfter = Math.max(1, (long) Math.ceil(maxWaitSeconds + spacingSeconds));
        return new NoTurn("The arXiv waiting line of all replicas is full: this search could not start within its deadline", retryAfter);
    }

    private Uni<Void> timer(long nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos + 999_999);
        if (millis <= 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, id -> emitter.complete(null)));
    }

    private void warnLate(long latenessNanos) {
        warnOncePerMinute("arXiv call %d ms after its shared slot, %d slots missed: raise ARXIV_PACING_GUARD or relieve the machine",
                TimeUnit.NANOSECONDS.toMillis(latenessNanos), MAX_RESERVATIONS);
    }

    private void warnDegraded(Throwable failure) {
        warnOncePerMinute("arXiv pacing falls back to this replica alone: the shared pacing table cannot be reached (%s)",
                failure.getMessage());
    }

    private void warnOncePerMinute(String format, Object... parameters) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if ((last == Long.MIN_VALUE || now - last > TimeUnit.MINUTES.toNanos(1)) && lastWarning.compareAndSet(last, now)) {
            LOG.warnf(format, parameters);
        }
    }
}
