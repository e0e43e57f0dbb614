package org.arxivpipeline.arxivapi.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.arxivpipeline.arxivapi.repository.PacingRepository;
import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;

/** Replicas sharing the arXiv pacing through the real db/ table, with the least role that works. */
class SharedPacingTest {

    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final Duration GUARD = Duration.ofMillis(100);

    private final TestPostgres db = TestPostgres.get();
    private Vertx vertx;
    private final List<Pool> pools = new ArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        db.execute("arxiv", "UPDATE arxiv_pacing SET next_slot = '-infinity'");
    }

    @AfterEach
    void stop() {
        pools.forEach(Pool::close);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private SharedPacing replica(int port) {
        Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(db.host()).setPort(port).setDatabase("arxiv")
                .setUser("arxiv_pacing").setPassword("arxiv_pacing").setConnectTimeout(1000)).using(vertx).build();
        pools.add(pool);
        return new SharedPacing(vertx, new PacingRepository(io.vertx.mutiny.sqlclient.Pool.newInstance(pool)), INTERVAL, GUARD);
    }

    @Test
    void twoReplicasTakeDistinctSlotsAnIntervalApart() throws Exception {
        SharedPacing first = replica(db.port());
        SharedPacing second = replica(db.port());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<CompletableFuture<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SharedPacing replica = i % 2 == 0 ? first : second;
            calls.add(replica.awaitSlot(deadline, true).map(ready -> System.nanoTime()).subscribeAsCompletionStage());
        }
        List<Long> starts = new ArrayList<>();
        for (CompletableFuture<Long> call : calls) {
            starts.add(call.get(20, TimeUnit.SECONDS));
        }
        Collections.sort(starts);
        for (int i = 1; i < starts.size(); i++) {
            long gapMillis = (starts.get(i) - starts.get(i - 1)) / 1_000_000;
            // slots are 400 ms apart in PostgreSQL's clock and a call starts within the guard of its slot
            assertTrue(gapMillis >= 300, "calls " + gapMillis + " ms apart");
        }
        long spanMillis = (starts.get(7) - starts.get(0)) / 1_000_000;
        assertTrue(spanMillis >= 7 * 300 && spanMillis < 7 * 400 + 1500, "8 calls over " + spanMillis + " ms");
    }

    @Test
    void aCallerLateForItsSlotGivesItUpAndReservesAnother() throws Exception {
        // no guard at all: every caller is late (by its round trip at least), so it reserves three slots,
        // then goes (with a warning) rather than refusing the search
        Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(db.host()).setPort(db.port()).setDatabase("arxiv")
                .setUser("arxiv_pacing").setPassword("arxiv_pacing")).using(vertx).build();
        pools.add(pool);
        SharedPacing late = new SharedPacing(vertx, new PacingRepository(io.vertx.mutiny.sqlclient.Pool.newInstance(pool)), INTERVAL, Duration.ZERO);
        long started = System.nanoTime();
        late.awaitSlot(System.nanoTime() + TimeUnit.SECONDS.toNanos(10), true).subscribeAsCompletionStage().get(10, TimeUnit.SECONDS);
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        // slots at t, t+300, t+600: the third is taken, the line now ends 900 ms after the first
        assertTrue(waitedMillis >= 2 * 300, "waited " + waitedMillis + " ms");
        long lineMillis = db.queryLong("arxiv", "SELECT (extract(epoch FROM next_slot - clock_timestamp()) * 1000)::bigint FROM arxiv_pacing");
        assertTrue(lineMillis > 0 && lineMillis <= 300, "the line ends " + lineMillis + " ms from now");
    }

    @Test
    void aSlotIsMissedOnceItsLatestStartHasPassedUnlessItIsNotEnforced() throws Exception {
        SharedPacing.Slot slot = replica(db.port()).awaitSlot(System.nanoTime() + TimeUnit.SECONDS.toNanos(10), true)
                .subscribeAsCompletionStage().get(5, TimeUnit.SECONDS);
        assertTrue(slot.enforced());
        // the call may start until the guard has passed after its slot, no later
        assertTrue(slot.latestStartNanos() - System.nanoTime() <= GUARD.toNanos());
        assertTrue(new SharedPacing.Slot(System.nanoTime() - 1, true).missed());
        assertFalse(new SharedPacing.Slot(System.nanoTime() + TimeUnit.SECONDS.toNanos(1), true).missed());
        assertFalse(new SharedPacing.Slot(System.nanoTime() - 1, false).missed());
    }

    @Test
    void aSlotBeyondTheCallersDeadlineIsA429AndStaysFree() throws Exception {
        SharedPacing replica = replica(db.port());
        // other callers have taken the slots of the next 1.6 s (set directly: live callers whose timers fire
        // late on a busy machine would re-reserve and move the line while the test reads it)
        db.execute("arxiv", "UPDATE arxiv_pacing SET next_slot = clock_timestamp() + interval '1600 milliseconds'");
        String before = db.query("arxiv", "SELECT next_slot::text AS s FROM arxiv_pacing").get(0).get("s").toString();
        long soon = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        ProblemException refused = (ProblemException) replica.awaitSlot(soon, true).subscribeAsCompletionStage()
                .handle((ok, failure) -> failure.getCause() != null ? failure.getCause() : failure).get(5, TimeUnit.SECONDS);
        assertEquals(429, refused.status());
        assertTrue(refused.retryAfterSeconds() >= 1);
        assertEquals(before, db.query("arxiv", "SELECT next_slot::text AS s FROM arxiv_pacing").get(0).get("s").toString(),
                "a refused caller takes no slot");
    }

    @Test
    void withoutTheDatabaseACallGoesAheadUnderTheLocalPacing() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SharedPacing away = replica(closed);
        long started = System.nanoTime();
        away.awaitSlot(System.nanoTime() + TimeUnit.SECONDS.toNanos(10), true).subscribeAsCompletionStage().get(5, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3));
    }
}
