package org.arxivpipeline.watches.service;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.model.ClaimedWatch;
import org.arxivpipeline.common.model.NewWatch;
import org.arxivpipeline.common.model.Watch;
import org.arxivpipeline.common.model.WatchPapersPage;
import org.arxivpipeline.common.model.WatchRun;
import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.watches.config.WatchesConfig;
import org.arxivpipeline.watches.repository.WatchCursor;
import org.arxivpipeline.watches.repository.WatchRepository;
import org.arxivpipeline.watches.repository.WatchRepository.PaperRow;

import io.smallrye.mutiny.Uni;

/** The watches, their runs' outcomes and their new papers; 404 for a watch that does not exist, 409 for a claim lost. */
@ApplicationScoped
public class WatchService {

    /** The longest error text kept in {@code last_error}. */
    static final int MAX_ERROR_LENGTH = 500;

    @Inject
    WatchRepository watches;

    @Inject
    WatchesConfig config;

    /** Creates it (the frontend checked the search; the name and period are checked again here); 409 beyond the maximum. */
    public Uni<Watch> create(NewWatch request) {
        InputErrors errors = new InputErrors();
        String name = NewWatch.name(request.name(), errors);
        Duration every = NewWatch.every(request.every(), errors);
        if (request.search() == null || request.search().isEmpty()) {
            errors.add("search", "is required");
        }
        errors.throwIfAny();
        String everyText = request.every() == null || request.every().isBlank() ? NewWatch.DEFAULT_EVERY : request.every().strip();
        return watches.create(name, everyText, every.toSeconds(), request.search(), config.max())
                .onItem().ifNull().failWith(() -> ProblemException.conflict("There are " + config.max()
                        + " watches already, the most this installation keeps (ARXIV_WATCHES_MAX): delete one first"))
                .invoke(watch -> Notice.log(WatchService.class, "watch %d created: %s, every %s", watch.watchId(), watch.name(),
                        watch.every()));
    }

    public Uni<List<Watch>> all() {
        return watches.all();
    }

    public Uni<Watch> find(long watchId) {
        return watches.find(watchId).onItem().ifNull().failWith(() -> unknown(watchId));
    }

    public Uni<Void> delete(long watchId) {
        return watches.delete(watchId).invoke(deleted -> {
            if (!deleted) {
                throw unknown(watchId);
            }
            Notice.log(WatchService.class, "watch %d deleted", watchId);
        }).replaceWithVoid();
    }

    public Uni<Void> runNow(long watchId) {
        return watches.runNow(watchId).invoke(found -> {
            if (!found) {
                throw unknown(watchId);
            }
        }).replaceWithVoid();
    }

    public Uni<List<ClaimedWatch>> claim(int limit, Duration lease) {
        return watches.claim(limit, lease.toSeconds());
    }

    /** Records a run's outcome under its claim: 409 when the claim was lost (another runner has the run). */
    public Uni<Watch> finish(long watchId, WatchRun run) {
        Uni<Watch> recorded;
        if (run.deferSeconds() != null) {
            recorded = watches.deferred(watchId, run.claim(), run.deferSeconds());
        } else if (run.error() == null) {
            recorded = watches.succeeded(watchId, run.claim(), run.queryId(), run.results() == null ? List.of() : run.results());
        } else {
            recorded = watches.failed(watchId, run.claim(), shorten(run.error()), config.retryAfterFailure().toSeconds());
        }
        return recorded.onItem().ifNull().switchTo(() -> watches.find(watchId).map(watch -> {
            if (watch == null) {
                throw unknown(watchId);
            }
            throw ProblemException.conflict("This run's claim on watch " + watchId + " has ended: another runner has taken the run over");
        }));
    }

    /** A page of its new papers, newest first: by {@code cursor}, else by page number. */
    public Uni<WatchPapersPage> papers(long watchId, long page, int itemsPerPage, String cursor) {
        WatchCursor after = cursor == null ? null : WatchCursor.decode(cursor, watchId);
        if (cursor != null && after == null) {
            throw ProblemException.invalid("cursor", "is not a cursor of this watch's new papers");
        }
        return find(watchId).flatMap(watch -> Uni.combine().all()
                .unis(watches.papers(watchId, after, after == null ? page * itemsPerPage : 0, itemsPerPage + 1), watches.paperCount(watchId))
                .asTuple().map(both -> {
                    List<PaperRow> rows = both.getItem1();
                    boolean more = rows.size() > itemsPerPage;
                    List<PaperRow> shown = more ? rows.subList(0, itemsPerPage) : rows;
                    String next = more ? shown.get(shown.size() - 1).position().encode() : null;
                    return new WatchPapersPage(shown.stream().map(PaperRow::paper).toList(), after == null ? page : 0, itemsPerPage,
                            both.getItem2(), next);
                }));
    }

    private static ProblemException unknown(long watchId) {
        return ProblemException.notFound("No watch " + watchId);
    }

    private static String shorten(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
