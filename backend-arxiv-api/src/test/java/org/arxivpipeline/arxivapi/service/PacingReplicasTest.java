package org.arxivpipeline.arxivapi.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.arxivpipeline.arxivapi.client.ArxivRequest;
import org.arxivpipeline.arxivapi.ArxivSettings;
import org.arxivpipeline.arxivapi.PacingSchema;
import org.arxivpipeline.arxivapi.SlowArxiv;
import org.arxivpipeline.arxivapi.client.ArxivFetcher;
import org.arxivpipeline.arxivapi.client.ArxivReply;
import org.arxivpipeline.arxivapi.config.ArxivConfig;
import org.arxivpipeline.arxivapi.repository.PacingRepository;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Three replicas (each its own Vert.x, database pool, local line and arXiv client, as three processes have)
 * sharing one real PostgreSQL, against an arXiv that takes seconds to answer, with a 1 s interval. The
 * stand-in's own log of when each exchange started and ended is what is asserted.
 */
class PacingReplicasTest {

    private static final TestPostgres db = TestPostgres.get();
    private static final long INTERVAL_MILLIS = 1000;

    private final ArxivConfig config;
    private final SlowArxiv arxiv;
    private final List<Replica> replicas = new ArrayList<>();

    PacingReplicasTest() throws Exception {
        arxiv = new SlowArxiv();
        // a call may take 1 s to connect and 5 s of silence: its lease lasts 6 s + 2 s
        config = ArxivSettings.with(Map.of("base-url", arxiv.url(), "min-interval", INTERVAL_MILLIS + "ms", "pacing-guard", "100ms",
                "pacing-poll", "100ms", "connect-timeout", "1s", "read-timeout", "5s"));
    }

    @BeforeAll
    static void schema() throws Exception {
        PacingSchema.migrate(db, "arxiv");
    }

    @BeforeEach
    void start() {
        PacingSchema.free(db);
        for (int i = 0; i < 3; i++) {
            replicas.add(new Replica());
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Replica replica : replicas) {
            replica.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        arxiv.close();
    }

    /** One replica's pacing and arXiv client, made as the service makes them. */
    private final class Replica {
        final Vertx vertx = Vertx.vertx();
        final PacingRepository table = new PacingRepository(io.vertx.mutiny.sqlclient.Pool.newInstance(PgBuilder.pool()
                .connectingTo(new PgConnectOptions().setHost(db.host()).setPort(db.port()).setDatabase("arxiv")
                        .setUser("arxiv_pacing").setPassword("arxiv_pacing"))
                .using(vertx).build()));
        final ArxivPacing pacing = new ArxivPacing(vertx, config, Optional.of(table));
        final ArxivFetcher fetcher = new ArxivFetcher(io.vertx.mutiny.core.Vertx.newInstance(vertx), config);

        /** A search's call as ArxivCalls makes it (without the retries): in its turn, the turn given back when the exchange is over. */
        CompletableFuture<ArxivReply> search(String query) {
            long arrived = System.nanoTime();
            return pacing.inTurn(arrived + TimeUnit.SECONDS.toNanos(60), arrived, false,
                    turn -> fetcher.fetch(ArxivRequest.of(query, 1), turn::sending).onTermination().invoke(turn::ended)).subscribeAsCompletionStage();
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void assertAllAnswered(List<CompletableFuture<ArxivReply>> searches) throws Exception {
        for (CompletableFuture<ArxivReply> search : searches) {
            assertEquals(200, assertInstanceOf(ArxivReply.Answered.class, search.get(90, TimeUnit.SECONDS)).status());
        }
    }

    /** No exchange starts before the one before it has ended, nor less than the interval after its start. */
    private static void assertOneAtATimeAnIntervalApart(List<SlowArxiv.Exchange> calls) {
        for (int i = 1; i < calls.size(); i++) {
            SlowArxiv.Exchange before = calls.get(i - 1);
            SlowArxiv.Exchange after = calls.get(i);
            assertTrue(after.startNanos() >= before.endNanos(), "two calls open at once: " + before + " and " + after + " in " + calls);
            assertTrue(millis(after.startNanos() - before.startNanos()) >= INTERVAL_MILLIS,
                    "calls " + millis(after.startNanos() - before.startNanos()) + " ms apart: " + calls);
        }
    }

    @Test
    void oneCallOpenAtATimeAcrossReplicasEvenWhenArxivIsSlow() throws Exception {
        // answers of 2.5 s, 0.2 s (the interval then keeps the next call back) and 2 s
        arxiv.answerAfter(query -> query.endsWith("s0") ? Duration.ofMillis(2500)
                : query.endsWith("s1") ? Duration.ofMillis(200) : Duration.ofMillis(2000));
        List<CompletableFuture<ArxivReply>> searches = new ArrayList<>();
        // three searches per replica, arriving in turn 150 ms apart: r0s0, r1s0, r2s0, r0s1, ...
        for (int search = 0; search < 3; search++) {
            for (int replica = 0; replica < 3; replica++) {
                searches.add(replicas.get(replica).search("r" + replica + "s" + search));
                Thread.sleep(150);
            }
        }
        assertAllAnswered(searches);
        List<SlowArxiv.Exchange> calls = arxiv.exchanges();
        assertEquals(9, calls.size(), calls.toString());
        assertTrue(calls.stream().allMatch(SlowArxiv.Exchange::answered), calls.toString());
        assertEquals(1, arxiv.mostOpenAtOnce(), "calls open at once at the most");
        assertOneAtATimeAnIntervalApart(calls);
        // about the order of arrival: each round of three calls has one of every replica
        for (int round = 0; round < 3; round++) {
            Set<String> replicasOfRound = calls.subList(3 * round, 3 * round + 3).stream()
                    .map(call -> call.searchQuery().substring(0, 2)).collect(Collectors.toSet());
            assertEquals(Set.of("r0", "r1", "r2"), replicasOfRound, "round " + round + " of " + calls);
        }
        // how soon a call started once it could: after the lease given back (found by a poll), or after the interval and the guard
        List<String> handOvers = new ArrayList<>();
        long spacing = TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS + 100);
        for (int i = 1; i < calls.size(); i++) {
            SlowArxiv.Exchange before = calls.get(i - 1);
            boolean leaseBound = before.endNanos() > before.startNanos() + spacing;
            long could = leaseBound ? before.endNanos() : before.startNanos() + spacing;
            handOvers.add((leaseBound ? "lease " : "interval ") + millis(calls.get(i).startNanos() - could));
        }
        System.out.println("PacingReplicasTest: ms from when a call could start to its start: " + handOvers);
    }

    @Test
    void aReplicaThatDiedHoldingTheLeaseBlocksTheOthersOnlyUntilItRunsOut() throws Exception {
        // the lease a replica takes for a call, as SharedPacing takes it (call timeout 6 s + 2 s), then never
        // given back: the replica died mid-call
        long died = System.nanoTime();
        PacingRepository.Try taken = replicas.get(0).table.take("died-mid-call", 0, 8, 1.1, 1).await().atMost(Duration.ofSeconds(5));
        assertTrue(taken.taken());
        List<CompletableFuture<ArxivReply>> searches = List.of(replicas.get(1).search("r1s0"), replicas.get(2).search("r2s0"));
        assertAllAnswered(searches);
        List<SlowArxiv.Exchange> calls = arxiv.exchanges();
        assertEquals(2, calls.size(), calls.toString());
        long firstMillis = millis(calls.get(0).startNanos() - died);
        assertTrue(firstMillis >= 8000 && firstMillis < 8000 + 2000, "the first call came " + firstMillis + " ms after the lease was taken");
        assertOneAtATimeAnIntervalApart(calls);
    }
}
