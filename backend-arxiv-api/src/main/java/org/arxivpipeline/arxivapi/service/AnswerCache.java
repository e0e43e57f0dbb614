package org.arxivpipeline.arxivapi.service;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.arxivapi.client.ArxivRequest;
import org.arxivpipeline.arxivapi.config.ArxivConfig;
import org.arxivpipeline.common.model.ArxivAnswer;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Identical searches (every parameter arXiv gets the same: {@link ArxivRequest}) share one arXiv call while it is under way,
 * whatever the TTL, and are answered from memory for {@code ARXIV_CACHE_TTL} after it (0: not kept).
 * <p>
 * A call that all of its searches have given up (their clients went away: Quarkus REST cancels a request's
 * answer when its connection closes) is cancelled: it leaves the waiting line, or ends and gives its turn at
 * arXiv back, instead of calling arXiv for nobody while other searches wait.
 */
@ApplicationScoped
class AnswerCache {

    @Inject
    ArxivConfig config;

    @Inject
    SearchMetrics metrics;

    private AsyncCache<ArxivRequest, ArxivAnswer> answers;
    /** The searches waiting for each call under way; -1 once its last one has given it up. */
    private final Map<CompletableFuture<ArxivAnswer>, AtomicInteger> waiting = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        answers = Caffeine.newBuilder()
                .expireAfterWrite(config.cacheTtl())
                .maximumSize(config.cacheSize())
                .buildAsync();
    }

    /** The answer from the cache, from a call already under way, or from {@code load}. */
    Uni<ArxivAnswer> get(ArxivRequest key, Supplier<Uni<ArxivAnswer>> load) {
        Context caller = Vertx.currentContext();
        Uni<ArxivAnswer> answer = Uni.createFrom().deferred(() -> {
            CompletableFuture<ArxivAnswer> shared = join(key, load);
            // a derived stage: a caller that goes away does not cancel the call the others wait for; the last does
            return Uni.createFrom().completionStage(shared.thenApply(a -> a)).onCancellation().invoke(() -> leave(key, shared));
        });
        // answered on the caller's own context, whichever caller's call it was
        return caller == null ? answer : answer.emitOn(task -> caller.runOnContext(v -> task.run()));
    }

    /** The cached answer or the call under way, counting this search among those that wait for it. */
    private CompletableFuture<ArxivAnswer> join(ArxivRequest key, Supplier<Uni<ArxivAnswer>> load) {
        boolean counted = false;
        while (true) {
            boolean[] loaded = {false};
            CompletableFuture<ArxivAnswer> shared = answers.get(key, (k, executor) -> {
                loaded[0] = true;
                CompletableFuture<ArxivAnswer> call = load.get().subscribeAsCompletionStage();
                waiting.put(call, new AtomicInteger());
                call.whenComplete((answer, failure) -> waiting.remove(call));
                return call;
            });
            if (!counted) {
                metrics.cacheRequest(!loaded[0]);
                counted = true;
            }
            AtomicInteger searches = waiting.get(shared);
            if (searches == null ? !shared.isCancelled() : joined(searches)) {
                return shared;
            }
            // its last search gave it up a moment ago and it is being cancelled: a call of its own
            answers.asMap().remove(key, shared);
        }
    }

    private static boolean joined(AtomicInteger searches) {
        for (int now = searches.get(); now >= 0; now = searches.get()) {
            if (searches.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    private void leave(ArxivRequest key, CompletableFuture<ArxivAnswer> shared) {
        AtomicInteger searches = waiting.get(shared);
        if (searches != null && searches.decrementAndGet() == 0 && searches.compareAndSet(0, -1)) {
            answers.asMap().remove(key, shared);
            // cancels the call's subscription: out of the line, or its request reset and its turn given back
            shared.cancel(false);
        }
    }
}
