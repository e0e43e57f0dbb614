package org.arxivpipeline.arxivapi.service;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.arxivpipeline.arxivapi.repository.PacingRepository;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;

/**
 * The turn at arXiv shared by every backend-arxiv-api replica, through the one-row table {@code arxiv_pacing}
 * of PostgreSQL ({@link PacingRepository}): one call open at a time for the whole deployment, starts at least
 * {@code interval + guard} apart, in about the order the searches arrived.
 * <p>
 * A call holds a lease, taken by one conditional {@code UPDATE} when no other call's lease is held, the
 * interval has passed since the last start and no search that arrived earlier is in line; it gives the lease
 * back as soon as its exchange is over. The lease runs out by itself {@code callTimeout + 2 s} after it was
 * taken (the call's own bound, plus the way from the statement to the request and from the answer back to
 * the release), so a replica that dies mid-call holds up the others no longer than that. A caller that
 * cannot take the lease tries again by polling, without blocking a thread: at the next slot when the line is
 * free but the interval has not passed, every {@code poll} while a lease is held (LISTEN/NOTIFY would need a
 * connection of its own per replica; see docs/decisions/arxiv-lease.md). A caller that is not first in line
 * and arrived before the one that is takes its place; the place first in line lapses unless its caller
 * renews it, so one that died while waiting holds up the line for a second or so.
 * <p>
 * The interval counts from the real start: a call sent later than its lease was taken (a connection to
 * open, a busy event loop, a timer that fired late) moves the next start on by as much when it gives the
 * lease back, and nobody starts before that. The guard covers what the replicas cannot measure: the way
 * from a replica's send to arXiv.
 * <p>
 * A turn that cannot come before the caller's latest start is refused at once with a 429 ({@link NoTurn}),
 * or when that start comes while the caller still polls. When the database cannot be reached the caller goes
 * ahead under this process's own pacing (one call at a time per replica) and a warning says so at most once
 * a minute: the suite keeps answering, paced, rather than failing every search while PostgreSQL is away.
 */
public final class SharedPacing {

    private static final Logger LOG = Logger.getLogger(SharedPacing.class);

    /** A statement is one short UPDATE: a database slower than this counts as away. */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(2);

    /** Beyond a call's own bound: from the lease's statement to the request, and from the answer to the release. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final PacingRepository pacing;
    private final Duration spacing;
    private final double spacingSeconds;
    private final double leaseSeconds;
    private final long pollNanos;
    /** How long the place first in line is kept without being renewed: several polls. */
    private final double claimSeconds;
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param callTimeout the longest a call may take ({@code ARXIV_CONNECT_TIMEOUT + ARXIV_READ_TIMEOUT})
     * @param poll how often a caller looks again while another call holds the lease
     */
    public SharedPacing(Vertx vertx, PacingRepository pacing, Duration interval, Duration guard, Duration callTimeout, Duration poll) {
        this.vertx = vertx;
        this.pacing = pacing;
        this.spacing = interval.plus(guard);
        this.spacingSeconds = seconds(spacing.toNanos());
        this.leaseSeconds = seconds(callTimeout.plus(LEASE_MARGIN).toNanos());
        this.pollNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), poll.toNanos());
        this.claimSeconds = Math.max(1, 5 * seconds(pollNanos));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Time between two starts: the interval plus the guard. */
    public Duration spacing() {
        return spacing;
    }

    /** The right of one call to be the only one open at arXiv; given back once, when the call's exchange is over. */
    public static final class Lease {

        /** No lease to give back: pacing is not shared. */
        static final Lease NONE = new Lease(null, null, 0);

        private final SharedPacing shared;
        private final String token;
        private final long takeSentNanos;
        private volatile long sentNanos;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(SharedPacing shared, String token, long takeSentNanos) {
            this.shared = shared;
            this.token = token;
            this.takeSentNanos = takeSentNanos;
        }

        /** The request is about to be written: how late that is after the take is counted at the release. */
        public void sending() {
            if (sentNanos == 0) {
                sentNanos = System.nanoTime();
            }
        }

        /** The call's exchange is over (answered, failed, timed out or given up): the next call, on any replica, may start. */
        public void release() {
            if (token == null || !released.compareAndSet(false, true)) {
                return;
            }
            // from the moment the take was sent, which is no later than when PostgreSQL took it: the next
            // start moves on by at least as much as this call started late
            double lateSeconds = sentNanos == 0 ? 0 : seconds(Math.max(0, sentNanos - takeSentNanos));
            shared.quietly(shared.pacing.release(token, lateSeconds), "give the arXiv lease back (it runs out by itself)");
        }
    }

    /**
     * How far behind every interactive search a background one places itself in the replicas' line: it
     * says it arrives this long after "now" at each try, so any interactive search waiting on any replica
     * takes the place first in line from it, and it takes that place only when no one else holds it.
     */
    static final double BACKGROUND_BEHIND_SECONDS = 86_400;

    /**
     * Completes when this caller holds the lease; fails with a 429 ({@link NoTurn}) when it cannot get it
     * before {@code latestStartNanos} (System.nanoTime). Cancelled while waiting, the caller leaves the line
     * and gives back a lease its last statement may have taken.
     *
     * @param arrivedNanos when the search arrived (System.nanoTime): earlier searches go first
     * @param background a search that yields (a watch's run): behind every interactive search of every replica
     */
    public Uni<Lease> acquire(long latestStartNanos, long arrivedNanos) {
        return acquire(latestStartNanos, arrivedNanos, false);
    }

    /** As {@link #acquire(long, long)}, for an interactive search or, {@code background}, one that yields. */
    public Uni<Lease> acquire(long latestStartNanos, long arrivedNanos, boolean background) {
        return Uni.createFrom().emitter(emitter -> new Wait(emitter, latestStartNanos, arrivedNanos, background).start());
    }

    /** One caller's wait: a try, a timer, another try, until it holds the lease, gives up, or is cancelled. */
    private final class Wait {
        private final UniEmitter<? super Lease> emitter;
        private final long latestStartNanos;
        private final long arrivedNanos;
        private final boolean background;
        private final String token = UUID.randomUUID().toString();
        // guarded by this
        private boolean over;
        private boolean trying;
        private long timer = -1;
        /** The lease handed to the emitter, and whether that hand-over is under way (see answer). */
        private Lease given;
        private boolean answering;

        Wait(UniEmitter<? super Lease> emitter, long latestStartNanos, long arrivedNanos, boolean background) {
            this.emitter = emitter;
            this.latestStartNanos = latestStartNanos;
            this.arrivedNanos = arrivedNanos;
            this.background = background;
        }

        void start() {
            emitter.onTermination(this::terminated);
            tryNow();
        }

        private void tryNow() {
            long sent;
            synchronized (this) {
                if (over) {
                    return;
                }
                trying = true;
                timer = -1;
                sent = System.nanoTime();
            }
            double waited = background ? -BACKGROUND_BEHIND_SECONDS : seconds(Math.max(0, sent - arrivedNanos));
            pacing.take(token, waited, leaseSeconds, spacingSeconds, claimSeconds)
                    .ifNoItem().after(STATEMENT_TIMEOUT).fail()
                    .subscribe().with(tried -> tried(tried, sent), failure -> unreachable(failure, sent));
        }

        private synchronized void tried(PacingRepository.Try tried, long sent) {
            trying = false;
            if (over) {
                forget(tried.taken());
                return;
            }
            if (tried.taken()) {
                answer(new Lease(SharedPacing.this, token, sent));
                return;
            }
            long next = nextTry(tried);
            if (System.nanoTime() + next > latestStartNanos) {
                over = true;
                forget(false);
                long retryAfter = Math.max(1, (long) Math.ceil(Math.max(tried.slotLeftSeconds(), spacingSeconds)));
                answering = true;
                emitter.fail(new NoTurn("The arXiv waiting line of all replicas is full: this search could not start within its deadline",
                        retryAfter));
                answering = false;
                return;
            }
            timer = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(next)), id -> tryNow());
        }

        /**
         * Under the lock. The emitter takes either the lease or a cancellation, whichever comes first: the
         * lease taken, its termination callback runs within {@code complete} (and is ignored) and the call it
         * was given to gives it back; a cancellation first, {@code complete} is ignored and the cancellation's
         * callback, once it has the lock, gives the lease back, which would otherwise hold up every replica
         * until it ran out.
         */
        private void answer(Lease lease) {
            over = true;
            given = lease;
            answering = true;
            emitter.complete(lease);
            answering = false;
        }

        /** Nanoseconds until the next try: the next slot when the line is free, a poll while a lease is held. */
        private long nextTry(PacingRepository.Try tried) {
            long slot = (long) (tried.slotLeftSeconds() * 1e9);
            if (tried.leaseLeftSeconds() > 0) {
                return Math.max(slot, Math.min(pollNanos, (long) (tried.leaseLeftSeconds() * 1e9)));
            }
            // free, and no slot to wait for: another search is first in line and takes it at its next poll
            return slot > 0 ? slot : pollNanos;
        }

        private synchronized void unreachable(Throwable failure, long sent) {
            trying = false;
            warnOncePerMinute("arXiv pacing falls back to this replica alone: the shared pacing table cannot be reached (%s)",
                    String.valueOf(failure.getMessage()));
            // the statement may have taken the lease all the same: given back after the call if the database answers by then
            Lease alone = new Lease(SharedPacing.this, token, sent);
            if (over) {
                alone.release();
                return;
            }
            answer(alone);
        }

        private synchronized void terminated() {
            if (answering) {
                return;
            }
            if (given != null) {
                // cancelled before the lease reached the caller
                given.release();
                return;
            }
            if (over) {
                return;
            }
            // cancelled while waiting
            over = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            if (!trying) {
                forget(false);
            }
            // else the statement under way is answered to tried(), which forgets what it did
        }

        private void forget(boolean taken) {
            if (taken) {
                quietly(pacing.release(token, 0), "give an unused arXiv lease back (it runs out by itself)");
            } else {
                quietly(pacing.withdraw(token), "leave the shared arXiv line (the place lapses by itself)");
            }
        }
    }

    private void quietly(Uni<Void> statement, String what) {
        statement.ifNoItem().after(STATEMENT_TIMEOUT).fail()
                .subscribe().with(done -> { }, failure -> warnOncePerMinute("could not %s: %s", what, String.valueOf(failure.getMessage())));
    }

    private void warnOncePerMinute(String format, Object... parameters) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if ((last == Long.MIN_VALUE || now - last > TimeUnit.MINUTES.toNanos(1)) && lastWarning.compareAndSet(last, now)) {
            LOG.warnf(format, parameters);
        }
    }
}
