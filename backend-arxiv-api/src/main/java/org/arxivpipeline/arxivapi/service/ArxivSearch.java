package org.arxivpipeline.arxivapi.service;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.arxivapi.client.ArxivHttpClient;
import org.arxivpipeline.arxivapi.mapping.FeedParser;
import org.arxivpipeline.arxivapi.mapping.FeedReading;
import org.arxivpipeline.arxivapi.client.RawResponse;
import org.arxivpipeline.arxivapi.mapping.atom.AtomFeed;
import org.arxivpipeline.arxivapi.config.ArxivConfig;
import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.model.ArxivAnswer;
import org.arxivpipeline.common.model.ArxivEntry;
import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.common.time.UnixTime;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;

/**
 * A search on arXiv, done carefully: identical searches share one call and are cached for a while;
 * every call waits its turn at the {@link PacingGate}; transient failures are tried again with growing
 * back-off (or arXiv's Retry-After) while the deadline allows; the answer is parsed off the event loop.
 */
@ApplicationScoped
public class ArxivSearch {

    private static final Logger LOG = Logger.getLogger(ArxivSearch.class);

    @Inject
    ArxivHttpClient client;

    @Inject
    FeedParser parser;

    @Inject
    ArxivConfig config;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    @Inject
    SharedPacingSetup sharedPacingSetup;

    private PacingGate gate;
    /** Present when the replicas share their pacing through PostgreSQL. */
    private Optional<SharedPacing> sharedPacing;
    private AsyncCache<String, ArxivAnswer> answers;

    @PostConstruct
    void start() {
        sharedPacing = sharedPacingSetup.sharedPacing();
        // shared slots are interval + guard apart: the local line must space its turns alike, or it would
        // admit searches whose shared slot then falls past their deadline (a 429 after a long wait)
        Duration spacing = sharedPacing.map(SharedPacing::spacing).orElse(config.minInterval());
        gate = new PacingGate(vertx.getDelegate(), spacing, config.maxQueue(),
                config.connectTimeout().plus(config.readTimeout()).plusSeconds(5));
        registry.gauge("arxiv.pacing.queue", gate, PacingGate::waiting);
        sharedPacing.ifPresent(shared -> Notice.log(ArxivSearch.class, "arXiv pacing shared with every replica through PostgreSQL"));
        // in-flight searches are shared whatever the TTL; a TTL of 0 only stops keeping finished ones
        answers = Caffeine.newBuilder()
                .expireAfterWrite(config.cacheTtl())
                .maximumSize(config.cacheSize())
                .buildAsync();
    }

    /** The answer to {@code searchQuery}: from the cache, from a call already under way, or from arXiv. */
    public Uni<ArxivAnswer> search(String searchQuery, int maxResults) {
        String key = maxResults + "\n" + searchQuery;
        Context caller = io.vertx.core.Vertx.currentContext();
        boolean[] loaded = {false};
        CompletableFuture<ArxivAnswer> shared = answers.get(key, (k, executor) -> {
            loaded[0] = true;
            return fetch(searchQuery, maxResults).subscribeAsCompletionStage();
        });
        registry.counter("arxiv.cache.requests", "result", loaded[0] ? "miss" : "hit").increment();
        // a derived stage: a caller that goes away does not cancel the call the others wait for
        Uni<ArxivAnswer> answer = Uni.createFrom().completionStage(() -> shared.thenApply(a -> a));
        return caller == null ? answer : answer.emitOn(task -> caller.runOnContext(v -> task.run()));
    }

    private Uni<ArxivAnswer> fetch(String searchQuery, int maxResults) {
        long deadline = System.nanoTime() + config.deadline().toNanos();
        return attempt(searchQuery, maxResults, 1, 0, deadline)
                .ifNoItem().after(config.deadline())
                .failWith(() -> ProblemException.timeout("arXiv did not answer within " + config.deadline().toSeconds() + " s"));
    }

    private Uni<ArxivAnswer> attempt(String searchQuery, int maxResults, int attempt, int slotsMissed, long deadline) {
        long startDeadline = deadline - config.callAllowance().toNanos();
        // this process's line first (one call at a time here), then, when shared, a slot among all replicas
        return gate.acquire(startDeadline)
                .flatMap(permit -> sharedSlot(startDeadline, slotsMissed < SharedPacing.MAX_RESERVATIONS)
                        .flatMap(slot -> call(searchQuery, maxResults, permit, slot))
                        .onTermination().invoke(permit::release))
                // too late for its shared slot, the call was not sent: a later slot, the same attempt
                .onFailure(SharedPacing.SlotMissed.class)
                .recoverWithUni(missed -> attempt(searchQuery, maxResults, attempt, slotsMissed + 1, deadline))
                .onFailure(RetryableFailure.class).recoverWithUni(failure -> {
                    RetryableFailure retryable = (RetryableFailure) failure;
                    long backoff = config.retryBackoff().toMillis() << (attempt - 1);
                    long delay = Math.max(backoff, TimeUnit.SECONDS.toMillis(retryable.retryAfterSeconds));
                    if (attempt >= config.maxAttempts() || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) >= deadline) {
                        LOG.warnf("arXiv call failed, no retry left: %s", retryable.getMessage());
                        return Uni.createFrom().failure(retryable.problem);
                    }
                    LOG.warnf("arXiv call %d failed (%s); trying again in %d ms", attempt, retryable.getMessage(), delay);
                    return sleep(delay).flatMap(x -> attempt(searchQuery, maxResults, attempt + 1, slotsMissed, deadline));
                });
    }

    private Uni<SharedPacing.Slot> sharedSlot(long startDeadline, boolean enforce) {
        return sharedPacing.map(shared -> shared.awaitSlot(startDeadline, enforce))
                .orElseGet(() -> Uni.createFrom().item(SharedPacing.Slot.ANY));
    }

    /** One call to arXiv and the reading of its answer; transient failures come out as {@link RetryableFailure}. */
    private Uni<ArxivAnswer> call(String searchQuery, int maxResults, PacingGate.Permit permit, SharedPacing.Slot slot) {
        Timer.Sample sample = Timer.start(registry);
        long startNanos = System.nanoTime();
        return client.search(searchQuery, maxResults, () -> {
            // the connection may have taken long to open: the last moment to check the slot
            if (slot.missed()) {
                throw new SharedPacing.SlotMissed();
            }
            permit.sending();
        })
                .onFailure(failure -> !(failure instanceof SharedPacing.SlotMissed)).transform(ArxivSearch::transportFailure)
                .flatMap(raw -> interpret(raw, searchQuery))
                .onTermination().invoke((answer, failure, cancelled) -> {
                    String outcome = answer != null ? "ok" : cancelled ? "cancelled" : outcome(failure);
                    sample.stop(registry.timer("arxiv.call.duration", "outcome", outcome));
                    registry.counter("arxiv.calls", "outcome", outcome).increment();
                    if (answer != null) {
                        Notice.log(ArxivSearch.class, "arXiv answered %d entries of %d in %d ms: %s", answer.numEntries(),
                                answer.numResults(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), searchQuery);
                    }
                });
    }

    private Uni<ArxivAnswer> interpret(RawResponse raw, String searchQuery) {
        int status = raw.status();
        if (status == 200) {
            return vertx.executeBlocking(Uni.createFrom().item(() -> read(raw, searchQuery)));
        }
        if (status == 429) {
            throw new RetryableFailure(ProblemException.unavailable("arXiv is limiting the rate of requests", retryAfter(raw, 30)), retryAfter(raw, 0));
        }
        if (status == 503) {
            throw new RetryableFailure(ProblemException.unavailable("arXiv is unavailable (503)", retryAfter(raw, 10)), retryAfter(raw, 0));
        }
        if (status >= 500) {
            throw new RetryableFailure(ProblemException.badGateway("arXiv answered " + status), retryAfter(raw, 0));
        }
        if (status == 400) {
            String message = errorMessage(raw);
            if (message != null) {
                throw new ProblemException(400, "Rejected by arXiv", "arXiv rejected the query: " + message, null, null);
            }
        }
        throw ProblemException.badGateway("arXiv answered " + status);
    }

    /** Parses a 200 answer (CPU work: runs on a worker thread, the event loop stays free). */
    private ArxivAnswer read(RawResponse raw, String searchQuery) {
        AtomFeed feed;
        try {
            feed = parser.parse(raw.body());
        } catch (FeedParser.NotAFeedException e) {
            throw new NotAFeed(e.getMessage());
        }
        String error = FeedReading.errorMessage(feed);
        if (error != null) {
            throw new ProblemException(400, "Rejected by arXiv", "arXiv rejected the query: " + error, null, null);
        }
        long total = FeedReading.totalResults(feed);
        List<ArxivEntry> entries = FeedReading.entries(feed);
        if (total > 0 && entries.isEmpty()) {
            // arXiv's known transient failure: a valid feed with no entries for a query that has results
            throw new RetryableFailure(ProblemException.badGateway("arXiv answered an empty page for a query with "
                    + total + " results"), 0);
        }
        long timestamp = timestamp(raw.date(), FeedReading.updated(feed));
        return new ArxivAnswer(entries, timestamp, raw.status(), total, entries.size(), searchQuery);
    }

    /** A 200 whose body is not an Atom feed: a 502, not retried. */
    static final class NotAFeed extends ProblemException {
        NotAFeed(String why) {
            super(502, "Bad Gateway", "arXiv answered something that is not an Atom feed: " + why, null, null);
        }
    }

    private String errorMessage(RawResponse raw) {
        try {
            return FeedReading.errorMessage(parser.parse(raw.body()));
        } catch (FeedParser.NotAFeedException e) {
            return null;
        }
    }

    private static RuntimeException transportFailure(Throwable failure) {
        if (failure instanceof ProblemException || failure instanceof RetryableFailure) {
            return (RuntimeException) failure;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return new RetryableFailure(ProblemException.unavailable("arXiv cannot be reached", 10), 0);
            }
            if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return new RetryableFailure(ProblemException.timeout("arXiv did not answer in time"), 0);
            }
        }
        return new RetryableFailure(ProblemException.badGateway("the connection to arXiv failed: " + failure.getMessage()), 0);
    }

    private static String outcome(Throwable failure) {
        if (failure instanceof RetryableFailure retryable) {
            return "retryable_" + retryable.problem.status();
        }
        if (failure instanceof ProblemException problem) {
            return "failed_" + problem.status();
        }
        return "error";
    }

    /** arXiv's Retry-After in seconds when it is a positive number, else {@code fallback}. */
    private static long retryAfter(RawResponse raw, long fallback) {
        try {
            long seconds = raw.retryAfter() == null ? 0 : Long.parseLong(raw.retryAfter().strip());
            return seconds > 0 ? Math.min(seconds, 3600) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** arXiv's Date header in Unix seconds; else the feed's updated time; else now. */
    private static long timestamp(String dateHeader, Long feedUpdated) {
        if (dateHeader != null) {
            try {
                return ZonedDateTime.parse(dateHeader.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
            } catch (RuntimeException ignored) {
                // fall through
            }
        }
        return feedUpdated != null ? feedUpdated : UnixTime.now();
    }

    private Uni<Void> sleep(long millis) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(Math.max(1, millis), id -> emitter.complete(null)));
    }

}
