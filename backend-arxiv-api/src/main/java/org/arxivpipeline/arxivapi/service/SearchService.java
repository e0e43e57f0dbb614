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
 * <p>
 * A search answers 429 only when it never got a turn ({@link NoTurn}): once it has made a call, a retry
 * that gets no turn answers with that call's failure (504 for a timeout, 502/503 for the others), so a
 * client is not told to slow down when arXiv was the slow one.
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
    SearchMetrics metrics;

    @Inject
    Vertx vertx;

    /** The answer to {@code request}: from the cache, from a call already under way, or from arXiv. */
    public Uni<ArxivAnswer> search(ArxivRequest request) {
        return cache.get(request, () -> fetch(request, false));
    }

    /**
     * A search that yields to interactive ones (a watch's run), so that it is never the reason an interactive
     * search waits past its deadline: refused at once (429, to be tried again later) while interactive
     * searches wait in this process; else each of its calls, retries included, waits behind every interactive
     * search, here and among the replicas ({@link ArxivPacing#inTurn}). It neither reads the cache nor shares
     * a call under way: an interactive search joining it would wait with its low priority (and a watch wants
     * arXiv's answer of now).
     */
    public Uni<ArxivAnswer> searchInBackground(ArxivRequest request) {
        int waiting = pacing.waiting();
        metrics.backgroundSearch(waiting == 0);
        if (waiting > 0) {
            long retryAfter = Math.max(1, config.minInterval().multipliedBy(waiting + 1L).toSeconds());
            return Uni.createFrom().failure(new NoTurn("Interactive searches are waiting for arXiv: a background search yields to them",
                    retryAfter));
        }
        return fetch(request, true);
    }

    private Uni<ArxivAnswer> fetch(ArxivRequest request, boolean background) {
        Search search = new Search(request, System.nanoTime(), background);
        return search.attempt(1, null)
                .ifNoItem().after(config.deadline()).failWith(search::deadlinePassed);
    }

    /** One search's tries, each in a turn of its own, until one answers or none is left. */
    private final class Search {
        private final ArxivRequest request;
        private final long arrived;
        private final long latestStart;
        /** Its calls wait behind every interactive search. */
        private final boolean background;
        /** A turn came: from then on the search answers for arXiv, never with a 429. */
        private volatile boolean called;

        Search(ArxivRequest request, long arrived, boolean background) {
            this.request = request;
            this.arrived = arrived;
            this.background = background;
            this.latestStart = arrived + config.deadline().toNanos() - config.callAllowance().toNanos();
        }

        /**
         * @param lastFailure what this search's previous call failed with; null before its first call
         */
        Uni<ArxivAnswer> attempt(int attempt, RetryableFailure lastFailure) {
            return pacing.inTurn(latestStart, arrived, background, turn -> {
                called = true;
                return calls.call(request, turn);
            })
                    .onFailure(NoTurn.class).recoverWithUni(noTurn -> {
                        if (lastFailure == null) {
                            return Uni.createFrom().failure(noTurn);
                        }
                        LOG.warnf("no arXiv turn for call %d before the deadline; answering for call %d: %s", attempt, attempt - 1,
                                lastFailure.getMessage());
                        return noRetryLeft(attempt - 1, lastFailure);
                    })
                    .onFailure(RetryableFailure.class).recoverWithUni(failure -> retry(attempt, (RetryableFailure) failure));
        }

        private Uni<ArxivAnswer> retry(int attempt, RetryableFailure failure) {
            OptionalLong delay = retries.delayAfter(attempt, failure, latestStart);
            if (delay.isEmpty()) {
                return noRetryLeft(attempt, failure);
            }
            LOG.warnf("arXiv call %d failed (%s); trying again in %d ms", attempt, failure.getMessage(), delay.getAsLong());
            return sleep(delay.getAsLong()).flatMap(x -> attempt(attempt + 1, failure));
        }

        /** The last call's failure; or, when arXiv answered short, what it answered, marked incomplete. */
        private Uni<ArxivAnswer> noRetryLeft(int attempts, RetryableFailure failure) {
            if (failure.partial != null) {
                LOG.warnf("arXiv answered short %d times, no retry left: %s; answered as incomplete: %s", attempts, failure.getMessage(),
                        request.describe());
                return Uni.createFrom().item(failure.partial.incomplete());
            }
            LOG.warnf("arXiv call failed, no retry left: %s", failure.getMessage());
            return Uni.createFrom().failure(failure.problem);
        }

        /** The whole search took too long: arXiv's doing once a call was made, else the line's (which its own timers refuse sooner). */
        ProblemException deadlinePassed() {
            if (called) {
                return ProblemException.timeout("arXiv did not answer within " + config.deadline().toSeconds() + " s");
            }
            return new NoTurn("The arXiv waiting line is full: this search could not start within its deadline",
                    config.deadline().toSeconds());
        }
    }

    private Uni<Void> sleep(long millis) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(Math.max(1, millis), id -> emitter.complete(null)));
    }
}
