package org.arxivpipeline.frontend.service;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.model.ClaimedWatch;
import org.arxivpipeline.common.model.Watch;
import org.arxivpipeline.common.model.WatchRun;
import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.common.time.TimestampParser;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.SearchRequest;
import org.arxivpipeline.frontend.client.WatchesBackend;
import org.arxivpipeline.frontend.config.WatchesConfig;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs the due watches: every {@code ARXIV_WATCHES_POLL}, this frontend claims due runs from backend-watches
 * (each is claimed by one runner of all the replicas, for a lease) and runs them one after another, each as
 * an ordinary search ({@link SearchService#runWatch}), then reports its outcome under its claim. Claims go
 * on while they find due runs, so a backlog drains at arXiv's pace, not the poll's. A run whose claim ended
 * meanwhile (this runner was too slow) is reported and refused (409): the other runner's run counts.
 */
@ApplicationScoped
public class WatchRunner {

    private static final Logger LOG = Logger.getLogger(WatchRunner.class);

    @Inject
    WatchesBackend watches;

    @Inject
    SearchService searches;

    @Inject
    TimestampParser times;

    @Inject
    WatchesConfig config;

    /** One round at a time in this process: a round still draining when the next tick comes is left alone. */
    private final AtomicBoolean running = new AtomicBoolean();

    @Scheduled(every = "${arxiv.watches.poll:30s}", delayed = "${arxiv.watches.first-poll:10s}",
            skipExecutionIf = RunnerDisabled.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return round();
    }

    /** Claims and runs due watches until none is left; the number run. */
    public Uni<Void> round() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return drain().onTermination().invoke(() -> running.set(false))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("watch runs stopped for this round (tried again at the next poll): %s", failure.getMessage());
                    return null;
                });
    }

    private Uni<Void> drain() {
        return watches.claim(config.runsAtOnce(), config.lease())
                .flatMap(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem()
                        : Multi.createFrom().iterable(claimed).onItem().transformToUniAndConcatenate(this::run).collect().asList()
                                .flatMap(done -> claimed.size() < config.runsAtOnce() ? Uni.createFrom().voidItem() : drain()));
    }

    /** One claimed run, to its reported end; never fails (a failure is the run's outcome). */
    Uni<Watch> run(ClaimedWatch claimed) {
        Watch watch = claimed.watch();
        InputErrors errors = new InputErrors();
        SearchRequest request = WatchRequests.run(watch.search(), times, errors);
        Uni<WatchRun> outcome = request == null
                ? Uni.createFrom().item(new WatchRun(claimed.claim(), null, List.of(), "its search is no longer valid: "
                        + errors.list().stream().map(e -> e.field() + " " + e.message()).toList()))
                : searches.runWatch(request, watch.watchId())
                        .map(stored -> new WatchRun(claimed.claim(), stored.query().queryId(), stored.results(), null))
                        .onFailure().recoverWithItem(failure -> new WatchRun(claimed.claim(), null, List.of(), reason(failure)));
        return outcome.flatMap(run -> watches.finish(watch.watchId(), run)
                .invoke(after -> {
                    if (run.error() == null) {
                        Notice.log(WatchRunner.class, "watch %d ran: query %d, %d new paper(s)", watch.watchId(), run.queryId(),
                                after.newPapers());
                    } else {
                        LOG.warnf("watch %d failed (tried again at %d): %s", watch.watchId(), after.nextRun(), run.error());
                    }
                }))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("watch %d: its run's outcome was not recorded (%s); the run is due again when its lease ends",
                            watch.watchId(), failure.getMessage());
                    return null;
                });
    }

    private static String reason(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem.status() + " " + problem.getMessage();
        }
        return String.valueOf(failure.getMessage());
    }

    /** Skips the polls where this frontend runs no watch ({@code ARXIV_WATCHES_RUNNER_ENABLED=false}). */
    @ApplicationScoped
    public static class RunnerDisabled implements Scheduled.SkipPredicate {

        @Inject
        WatchesConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.runnerEnabled();
        }
    }
}
