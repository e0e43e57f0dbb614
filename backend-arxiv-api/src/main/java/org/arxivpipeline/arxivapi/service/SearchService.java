package org.arxivpipeline.arxivapi.service;

import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.arxivapi.client.ArxivRequest;
import org.arxivpipeline.arxivapi.config.ArxivConfig;
import org.arxivpipeline.common.model.ArxivAnswer;
import org.arxivpipeline.common.problem.ProblemException;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * A search on arXiv, done carefully: identical searches share one call and are cached for a while
 * ({@link AnswerCache}); every call waits for its turn ({@link ArxivPacing}); transient failures are tried
 * again as the {@link RetryPolicy} allows, each in a turn of its own; everything ends within
 * {@code ARXIV_DEADLINE} (then 504).
 */
@ApplicationScoped
public class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class);

    @Inject
    ArxivConfig config;

    @Inject
    AnswerCache cache;

    @Inject
    ArxivPacing pacing;

    @Inject
    ArxivCalls calls;

    @Inject
    RetryPolicy retries;

    @Inject
    Vertx vertx;

    /** The answer to {@code request}: from the cache, from a call already under way, or from arXiv. */
    public Uni<ArxivAnswer> search(ArxivRequest request) {
        return cache.get(request, () -> fetch(request));
    }

    private Uni<ArxivAnswer> fetch(ArxivRequest request) {
        long deadline = System.nanoTime() + config.deadline().toNanos();
        return attempt(request, 1, 0, deadline)
                .ifNoItem().after(config.deadline())
                .failWith(() -> ProblemException.timeout("arXiv did not answer within " + config.deadline().toSeconds() + " s"));
    }

    private Uni<ArxivAnswer> attempt(ArxivRequest request, int attempt, int slotsMissed, long deadline) {
        long startDeadline = deadline - config.callAllowance().toNanos();
        return pacing.inTurn(startDeadline, slotsMissed, turn -> calls.call(request, turn))
                // too late for its shared slot, the call was not sent: a later slot, the same attempt
                .onFailure(SharedPacing.SlotMissed.class)
                .recoverWithUni(missed -> attempt(request, attempt, slotsMissed + 1, deadline))
                .onFailure(RetryableFailure.class).recoverWithUni(failure -> {
                    RetryableFailure retryable = (RetryableFailure) failure;
                    OptionalLong delay = retries.delayAfter(attempt, retryable, deadline);
                    if (delay.isEmpty()) {
                        if (retryable.partial != null) {
                            LOG.warnf("arXiv answered short %d times, no retry left: %s; answered as incomplete: %s", attempt,
                                    retryable.getMessage(), request.describe());
                            return Uni.createFrom().item(retryable.partial.incomplete());
                        }
                        LOG.warnf("arXiv call failed, no retry left: %s", retryable.getMessage());
                        return Uni.createFrom().failure(retryable.problem);
                    }
                    LOG.warnf("arXiv call %d failed (%s); trying again in %d ms", attempt, retryable.getMessage(), delay.getAsLong());
                    return sleep(delay.getAsLong()).flatMap(x -> attempt(request, attempt + 1, slotsMissed, deadline));
                });
    }

    private Uni<Void> sleep(long millis) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(Math.max(1, millis), id -> emitter.complete(null)));
    }
}
