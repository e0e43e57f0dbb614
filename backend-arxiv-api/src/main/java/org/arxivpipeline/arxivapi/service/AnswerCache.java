package org.arxivpipeline.arxivapi.service;

import java.util.concurrent.CompletableFuture;
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
 */
@ApplicationScoped
class AnswerCache {

    @Inject
    ArxivConfig config;

    @Inject
    SearchMetrics metrics;

    private AsyncCache<ArxivRequest, ArxivAnswer> answers;

    @PostConstruct
    void start() {
        answers = Caffeine.newBuilder()
                .expireAfterWrite(config.cacheTtl())
                .maximumSize(config.cacheSize())
                .buildAsync();
    }

    /** The answer from the cache, from a call already under way, or from {@code load}. */
    Uni<ArxivAnswer> get(ArxivRequest request, Supplier<Uni<ArxivAnswer>> load) {
        Context caller = Vertx.currentContext();
        boolean[] loaded = {false};
        CompletableFuture<ArxivAnswer> shared = answers.get(request, (k, executor) -> {
            loaded[0] = true;
            return load.get().subscribeAsCompletionStage();
        });
        metrics.cacheRequest(!loaded[0]);
        // a derived stage: a caller that goes away does not cancel the call the others wait for
        Uni<ArxivAnswer> answer = Uni.createFrom().completionStage(() -> shared.thenApply(a -> a));
        // answered on the caller's own context, whichever caller's call it was
        return caller == null ? answer : answer.emitOn(task -> caller.runOnContext(v -> task.run()));
    }
}
