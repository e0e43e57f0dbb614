package org.arxivpipeline.arxivapi.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.arxivpipeline.arxivapi.PacingSchema;
import org.arxivpipeline.arxivapi.repository.PacingRepository;
import org.arxivpipeline.testsupport.TestPostgres;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;

/** Replicas sharing the arXiv lease through the real table of the service's migrations, with the least role that works. */
class SharedPacingTest {

    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final Duration GUARD = Duration.ofMillis(100);
    private static final Duration POLL = Duration.ofMillis(50);

    private static final TestPostgres db = TestPostgres.get();
    private Vertx vertx;
    private final List<Pool> pools = new ArrayList<>();

    @BeforeAll
    static void schema() throws Exception {
        PacingSchema.migrate(db, "arxiv");
    }

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        PacingSchema.free(db);
    }

    @AfterEach
    void stop() {
        pools.forEach(Pool::close);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private PacingRepository repository(int port) {
        Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(db.host()).setPort(port).setDatabase("arxiv")
                .setUser("arxiv_pacing").setPassword("arxiv_pacing").setConnectTimeout(1000)).using(vertx).build();
        pools.add(pool);
        return new PacingRepository(io.vertx.mutiny.sqlclient.Pool.newInstance(pool));
    }

    /** A replica whose calls may take {@code callTimeout}: their lease lasts that plus 2 s. */
    private SharedPacing replica(int port, Duration callTimeout) {
        return new SharedPacing(vertx, repository(port), INTERVAL, GUARD, callTimeout, POLL);
    }

    private static long in(long seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private Map<String, Object> row() {
        return db.query("arxiv", "SELECT holder, lease_until, waiter, (extract(epoch FROM next_slot - clock_timestamp()) * 1000)::bigint "
                + "AS slot_in FROM arxiv_pacing").get(0);
    }

    @Test
    void oneCallAtATimeAcrossReplicasAndStartsAnIntervalApart() throws Exception {
        SharedPacing first = replica(db.port(), Duration.ofSeconds(5));
        SharedPacing second = replica(db.port(), Duration.ofSeconds(5));
        long arrived = System.nanoTime();
        List<CompletableFuture<long[]>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // calls of 50 ms (the interval keeps them apart) and of 600 ms (their lease does)
            long holdMillis = i % 3 == 0 ? 600 : 50;
            SharedPacing replica = i % 2 == 0 ? first : second;
            CompletableFuture<long[]> call = new CompletableFuture<>();
            replica.acquire(in(20), arrived).subscribe().with(lease -> {
                long start = System.nanoTime();
                lease.sending();
                vertx.setTimer(holdMillis, id -> {
                    long end = System.nanoTime();
                    lease.release();
                    call.complete(new long[] {start, end});
                });
            }, call::completeExceptionally);
            calls.add(call);
        }
        List<long[]> held = new ArrayList<>();
        for (CompletableFuture<long[]> call : calls) {
            held.add(call.get(30, TimeUnit.SECONDS));
        }
        held.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < held.size(); i++) {
            assertTrue(held.get(i)[0] >= held.get(i - 1)[1], "call " + i + " started before call " + (i - 1) + " ended");
            long gapMillis = millis(held.get(i)[0] - held.get(i - 1)[0]);
            // starts are interval + guard apart in PostgreSQL's clock; each caller's timer adds a little
            assertTrue(gapMillis >= 300, "calls " + gapMillis + " ms apart");
        }
        // the last release is a statement still on its way
        Awaitility.await("every lease given back").atMost(Duration.ofSeconds(5)).until(() -> row().get("holder") == null);
    }

    @Test
    void aLeaseNeverGivenBackBlocksTheOthersUntilItRunsOut() throws Exception {
        PacingRepository dead = repository(db.port());
        // a replica took the lease for a call of at most 1 s (lease: 1 s + 2 s) and died: never given back
        long taken = System.nanoTime();
        assertTrue(dead.take("dead-replica", 0, 3, INTERVAL.plus(GUARD).toNanos() / 1e9, 1).await().atMost(Duration.ofSeconds(5)).taken());
        SharedPacing alive = replica(db.port(), Duration.ofSeconds(1));
        long got = alive.acquire(in(20), System.nanoTime()).map(lease -> System.nanoTime()).await().atMost(Duration.ofSeconds(20));
        long waitedMillis = millis(got - taken);
        assertTrue(waitedMillis >= 2900 && waitedMillis < 3000 + 2000, "the next call came " + waitedMillis + " ms after the dead one");
    }

    @Test
    void theIntervalCountsFromTheRealStartOfALateCall() throws Exception {
        SharedPacing replica = replica(db.port(), Duration.ofSeconds(5));
        SharedPacing.Lease late = replica.acquire(in(10), System.nanoTime()).await().atMost(Duration.ofSeconds(5));
        Thread.sleep(700); // its connection took long to open
        long sent = System.nanoTime();
        late.sending();
        late.release();
        long next = replica.acquire(in(10), System.nanoTime()).map(lease -> System.nanoTime()).await().atMost(Duration.ofSeconds(5));
        // from the take the slot would have passed 300 ms ago; from the real start the interval still holds
        assertTrue(millis(next - sent) >= 390, "the next call came " + millis(next - sent) + " ms after the late one's start");
    }

    @Test
    void theSearchThatArrivedFirstGoesFirstWhicheverReplicaAsksFirst() throws Exception {
        PacingRepository holder = repository(db.port());
        assertTrue(holder.take("holder", 0, 30, 0, 1).await().atMost(Duration.ofSeconds(5)).taken());
        SharedPacing early = replica(db.port(), Duration.ofSeconds(5));
        SharedPacing late = replica(db.port(), Duration.ofSeconds(5));
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        // the newer search starts asking first; the older one (arrived 2 s ago) asks 300 ms later
        CompletableFuture<Void> newer = late.acquire(in(20), System.nanoTime()).map(lease -> {
            order.add("newer");
            lease.release();
            return (Void) null;
        }).subscribeAsCompletionStage();
        Thread.sleep(300);
        CompletableFuture<Void> older = early.acquire(in(20), System.nanoTime() - TimeUnit.SECONDS.toNanos(2)).map(lease -> {
            order.add("older");
            lease.release();
            return (Void) null;
        }).subscribeAsCompletionStage();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> row().get("waiter") != null && !"holder".equals(row().get("waiter")));
        Thread.sleep(300);
        holder.release("holder", 0).await().atMost(Duration.ofSeconds(5));
        CompletableFuture.allOf(newer, older).get(20, TimeUnit.SECONDS);
        assertEquals(List.of("older", "newer"), order);
        Awaitility.await("every lease given back").atMost(Duration.ofSeconds(5)).until(() -> row().get("holder") == null);
    }

    @Test
    void anInteractiveSearchOfAnotherReplicaGoesBeforeABackgroundSearchThatWasWaitingFirst() throws Exception {
        PacingRepository holder = repository(db.port());
        assertTrue(holder.take("holder", 0, 30, 0, 1).await().atMost(Duration.ofSeconds(5)).taken());
        SharedPacing watching = replica(db.port(), Duration.ofSeconds(5));
        SharedPacing searching = replica(db.port(), Duration.ofSeconds(5));
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        // the background search arrived 2 s before the interactive one and is first in line when it comes
        CompletableFuture<Void> background = watching.acquire(in(20), System.nanoTime() - TimeUnit.SECONDS.toNanos(2), true).map(lease -> {
            order.add("background");
            lease.release();
            return (Void) null;
        }).subscribeAsCompletionStage();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> row().get("waiter") != null);
        Thread.sleep(300);
        CompletableFuture<Void> interactive = searching.acquire(in(20), System.nanoTime()).map(lease -> {
            order.add("interactive");
            lease.release();
            return (Void) null;
        }).subscribeAsCompletionStage();
        Thread.sleep(300);
        holder.release("holder", 0).await().atMost(Duration.ofSeconds(5));
        CompletableFuture.allOf(background, interactive).get(20, TimeUnit.SECONDS);
        assertEquals(List.of("interactive", "background"), order);
        Awaitility.await("every lease given back").atMost(Duration.ofSeconds(5)).until(() -> row().get("holder") == null);
    }

    @Test
    void aTurnThatCannotComeBeforeTheLatestStartIsA429AndTakesNothing() throws Exception {
        SharedPacing replica = replica(db.port(), Duration.ofSeconds(5));
        // other callers' turns fill the next 1.6 s
        db.execute("arxiv", "UPDATE arxiv_pacing SET next_slot = clock_timestamp() + interval '1600 milliseconds'");
        long start = System.nanoTime();
        Throwable refused = replica.acquire(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500), start).subscribeAsCompletionStage()
                .handle((lease, failure) -> failure).get(5, TimeUnit.SECONDS);
        NoTurn noTurn = assertInstanceOf(NoTurn.class, refused);
        assertEquals(429, noTurn.status());
        assertTrue(noTurn.retryAfterSeconds() >= 1);
        assertTrue(millis(System.nanoTime() - start) < 1000, "refused at once");
        Map<String, Object> row = row();
        assertNull(row.get("holder"));
        assertNull(row.get("waiter"), "a refused caller leaves the line");
    }

    @Test
    void aCallerThatGoesAwayWhileWaitingLeavesTheLineAndTakesNothing() throws Exception {
        PacingRepository holder = repository(db.port());
        assertTrue(holder.take("holder", 0, 30, 0, 1).await().atMost(Duration.ofSeconds(5)).taken());
        SharedPacing replica = replica(db.port(), Duration.ofSeconds(5));
        Cancellable waiting = replica.acquire(in(20), System.nanoTime()).subscribe().with(lease -> { });
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> row().get("waiter") != null);
        waiting.cancel();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> row().get("waiter") == null);
        holder.release("holder", 0).await().atMost(Duration.ofSeconds(5));
        Thread.sleep(300);
        assertNull(row().get("holder"), "nobody took the lease for the caller that went away");
    }

    @Test
    void withoutTheDatabaseACallGoesAheadUnderTheLocalPacing() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SharedPacing away = replica(closed, Duration.ofSeconds(5));
        long started = System.nanoTime();
        SharedPacing.Lease alone = away.acquire(in(10), started).await().atMost(Duration.ofSeconds(5));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3));
        alone.release(); // tries to give back what its statement may have taken; the database is away, a warning at most
    }
}
