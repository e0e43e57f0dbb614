package org.arxivpipeline.arxivapi.service;

import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    Vertx vertx;

    /** The answer to {@code searchQuery}: from the cache, from a call already under way, or from arXiv. */
    public Uni<ArxivAnswer> search(String searchQuery, int maxResults) {
        return cache.get(searchQuery, maxResults, () -> fetch(searchQuery, maxResults));
    }

    private Uni<ArxivAnswer> fetch(String searchQuery, int maxResults) {
        Search search = new Search(searchQuery, maxResults, System.nanoTime());
        return search.attempt(1, null)
                .ifNoItem().after(config.deadline()).failWith(search::deadlinePassed);
    }

    /** One search's tries, each in a turn of its own, until one answers or none is left. */
    private final class Search {
        private final String query;
        private final int maxResults;
        private final long arrived;
        private final long latestStart;
        /** A turn came: from then on the search answers for arXiv, never with a 429. */
        private volatile boolean called;

        Search(String query, int maxResults, long arrived) {
            this.query = query;
            this.maxResults = maxResults;
            this.arrived = arrived;
            this.latestStart = arrived + config.deadline().toNanos() - config.callAllowance().toNanos();
        }

        /**
         * @param lastFailure what this search's previous call failed with; null before its first call
         */
        Uni<ArxivAnswer> attempt(int attempt, ProblemException lastFailure) {
            return pacing.inTurn(latestStart, arrived, turn -> {
                called = true;
                return calls.call(query, maxResults, turn);
            })
                    .onFailure(NoTurn.class).transform(noTurn -> {
                        if (lastFailure == null) {
                            return noTurn;
                        }
                        LOG.warnf("no arXiv turn for call %d before the deadline; answering for call %d: %s", attempt, attempt - 1,
                                lastFailure.getMessage());
                        return lastFailure;
                    })
                    .onFailure(RetryableFailure.class).recoverWithUni(failure -> retry(attempt, (RetryableFailure) failure));
        }

        private Uni<ArxivAnswer> retry(int attempt, RetryableFailure failure) {
            OptionalLong delay = retries.delayAfter(attempt, failure, latestStart);
            if (delay.isEmpty()) {
                LOG.warnf("arXiv call failed, no retry left: %s", failure.getMessage());
                return Uni.createFrom().failure(failure.problem);
            }
            LOG.warnf("arXiv call %d failed (%s); trying again in %d ms", attempt, failure.getMessage(), delay.getAsLong());
            return sleep(delay.getAsLong()).flatMap(x -> attempt(attempt + 1, failure.problem));
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
