package org.arxivpipeline.frontend.service;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.model.ClaimedWatch;
import org.arxivpipeline.common.model.Watch;
import org.arxivpipeline.common.model.WatchRun;
import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.common.requestid.RequestIds;
import org.arxivpipeline.common.time.TimestampParser;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.SearchRequest;
import org.arxivpipeline.frontend.client.WatchesBackend;
import org.arxivpipeline.frontend.config.FrontendConfig;
import org.arxivpipeline.frontend.config.WatchesConfig;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs the due watches: every {@code ARXIV_WATCHES_POLL}, this frontend claims due runs from backend-watches
 * (each is claimed by one runner of all the replicas, for a lease) and runs them one after another, each as
 * an ordinary search ({@link SearchService#runWatch}), then reports its outcome under its claim. Claims go
 * on while they find due runs, so a backlog drains at arXiv's pace, not the poll's. A run whose claim ended
 * meanwhile (this runner was too slow) is reported and refused (409): the other runner's run counts.
 * Meters: {@code arxiv_watch_runs_total{outcome}} ({@code succeeded}, {@code failed}, {@code deferred}: it did not
 * get its turn, {@code unrecorded}: its outcome could not be reported, the run comes due again after its lease)
 * and {@code arxiv_watch_run_duration_seconds}.
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

    @Inject
    MeterRegistry registry;

    @Inject
    FrontendConfig frontend;

    /**
     * Beyond a search's deadline, what a run needs of its claim: the report of its outcome (one call to
     * backend-watches, its own timeouts well within this).
     */
    static final Duration REPORT_MARGIN = Duration.ofSeconds(5);

    /** The longest a run holds its claim: its search, then the report of its outcome. */
    Duration runBound() {
        return runBound(frontend.searchDeadline());
    }

    private static Duration runBound(Duration searchDeadline) {
        return searchDeadline.plus(REPORT_MARGIN);
    }

    /**
     * A lease too short for the runs claimed at once would let another runner take a run over while this
     * one still runs it, and the run would be stored twice: such a configuration is refused at start.
     */
    void checkLease(@Observes StartupEvent start) {
        String tooShort = config.runnerEnabled() ? leaseTooShort(config.lease(), config.runsAtOnce(), frontend.searchDeadline()) : null;
        if (tooShort != null) {
            throw new IllegalStateException(tooShort);
        }
    }

    /**
     * Beyond the runs themselves, what a claim's lease must leave for the claim's own round trip (the lease is
     * counted from before it is sent), so that the first run of a batch is never given back for want of time.
     */
    static final Duration CLAIM_MARGIN = Duration.ofSeconds(5);

    /** Why {@code lease} cannot hold {@code runsAtOnce} runs one after another; null when it can. */
    public static String leaseTooShort(Duration lease, int runsAtOnce, Duration searchDeadline) {
        Duration needed = runBound(searchDeadline).multipliedBy(runsAtOnce).plus(CLAIM_MARGIN);
        return lease.compareTo(needed) >= 0 ? null
                : "ARXIV_WATCHES_LEASE (" + lease + ") must hold the runs claimed at once, one after another: ARXIV_WATCHES_RUNS_AT_ONCE ("
                        + runsAtOnce + ") x (ARXIV_FRONTEND_SEARCH_DEADLINE (" + searchDeadline + ") + " + REPORT_MARGIN.toSeconds()
                        + " s for the report) + " + CLAIM_MARGIN.toSeconds() + " s for the claim = " + needed;
    }

    /** Every outcome's counter is there from the start (at 0): an alert on failed runs compares against succeeded ones. */
    void registerAtStart(@Observes StartupEvent start) {
        for (Outcome outcome : Outcome.values()) {
            registry.counter("arxiv.watch.runs", "outcome", outcome.label());
        }
        registry.timer("arxiv.watch.run.duration");
    }

    /** One round at a time in this process: a round still draining when the next tick comes is left alone. */
    private final AtomicBoolean running = new AtomicBoolean();

    @Scheduled(every = "${arxiv.watches.poll:30s}", delayed = "${arxiv.watches.first-poll:10s}",
            skipExecutionIf = RunnerDisabled.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return round();
    }

    /** Claims and runs due watches until none is left, or until one could not have its turn (then the next poll goes on). */
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
        return Uni.createFrom().deferred(() -> {
            // the claim's own request id (each run then takes one of its own)
            MDC.put(RequestIds.MDC_KEY, "watch-claims-" + UUID.randomUUID());
            // the claims' leases start when backend-watches takes them, after this: their end, seen from here, is no later
            long leaseEnds = System.nanoTime() + config.lease().toNanos();
            return watches.claim(config.runsAtOnce(), config.lease())
                    .flatMap(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem()
                            : Multi.createFrom().iterable(claimed).onItem().transformToUniAndConcatenate(run -> run(run, leaseEnds))
                                    .collect().asList()
                                    .flatMap(outcomes -> claimed.size() < config.runsAtOnce() || outcomes.contains(Outcome.DEFERRED)
                                            ? Uni.createFrom().voidItem() : drain()));
        });
    }

    /** How a run ended, as the meter {@code arxiv_watch_runs_total} counts it. */
    public enum Outcome {
        SUCCEEDED, FAILED, DEFERRED, UNRECORDED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One claimed run, to its reported end; never fails (a failure is the run's outcome). A run that could
     * no longer end within its claim's lease ({@code leaseEndsNanos}, System.nanoTime: the runs before it in
     * this batch took longer than they should) is not started but given back, due again at once: another
     * runner could take it over while it ran.
     */
    public Uni<Outcome> run(ClaimedWatch claimed, long leaseEndsNanos) {
        return Uni.createFrom().deferred(() -> {
            // a request id of the run's own, as a client's request has: on its log lines and on every call it makes
            MDC.put(RequestIds.MDC_KEY, "watch-" + claimed.watch().watchId() + "-" + UUID.randomUUID());
            return runClaimed(claimed, leaseEndsNanos);
        });
    }

    private Uni<Outcome> runClaimed(ClaimedWatch claimed, long leaseEndsNanos) {
        Watch watch = claimed.watch();
        Timer.Sample started = Timer.start(registry);
        if (System.nanoTime() + runBound().toNanos() > leaseEndsNanos) {
            return reported(watch, WatchRun.deferred(claimed.claim(), 1), started);
        }
        InputErrors errors = new InputErrors();
        SearchRequest request = WatchRequests.run(watch.search(), times, errors);
        Uni<WatchRun> outcome = request == null
                ? Uni.createFrom().item(new WatchRun(claimed.claim(), null, List.of(), "its search is no longer valid: "
                        + errors.list().stream().map(e -> e.field() + " " + e.message()).toList()))
                : searches.runWatch(request, watch.watchId())
                        .map(stored -> new WatchRun(claimed.claim(), stored.query().queryId(), stored.results(), null))
                        .onFailure().recoverWithItem(failure -> failedRun(claimed.claim(), failure));
        return outcome.flatMap(run -> reported(watch, run, started));
    }

    /** Reports {@code run}'s outcome under its claim, logs and counts it; never fails. */
    private Uni<Outcome> reported(Watch watch, WatchRun run, Timer.Sample started) {
        return watches.finish(watch.watchId(), run)
                .map(after -> {
                    Outcome how = run.deferSeconds() != null ? Outcome.DEFERRED : run.error() == null ? Outcome.SUCCEEDED : Outcome.FAILED;
                    switch (how) {
                        case SUCCEEDED -> Notice.log(WatchRunner.class, "watch %d ran: query %d, %d new paper(s)", watch.watchId(),
                                run.queryId(), after.newPapers());
                        case DEFERRED -> LOG.infof("watch %d did not get its turn, due again at %d", watch.watchId(), after.nextRun());
                        default -> LOG.warnf("watch %d failed (tried again at %d): %s", watch.watchId(), after.nextRun(), run.error());
                    }
                    return counted(started, how);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("watch %d: its run's outcome was not recorded (%s); the run is due again when its lease ends",
                            watch.watchId(), failure.getMessage());
                    return counted(started, Outcome.UNRECORDED);
                });
    }

    /**
     * A run that failed: refused for want of a turn (429: interactive searches were waiting, the background
     * search yielded; 503: this frontend held all the searches it can) is deferred, not failed: due again
     * after the Retry-After; anything else is the run's error.
     */
    private static WatchRun failedRun(String claim, Throwable failure) {
        if (failure instanceof ProblemException problem && (problem.status() == 429 || problem.status() == 503)) {
            long after = problem.retryAfterSeconds() == null ? DEFAULT_DEFER_SECONDS : Math.max(1, problem.retryAfterSeconds());
            return WatchRun.deferred(claim, after);
        }
        return new WatchRun(claim, null, List.of(), reason(failure));
    }

    /** A deferred run without a Retry-After is due again after this. */
    static final long DEFAULT_DEFER_SECONDS = 10;

    private Outcome counted(Timer.Sample started, Outcome outcome) {
        started.stop(registry.timer("arxiv.watch.run.duration"));
        registry.counter("arxiv.watch.runs", "outcome", outcome.label()).increment();
        return outcome;
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
