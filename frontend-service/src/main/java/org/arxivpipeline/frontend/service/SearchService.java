package org.arxivpipeline.frontend.service;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.model.ArxivAnswer;
import org.arxivpipeline.common.model.QueryRecord;
import org.arxivpipeline.common.model.StoredResult;
import org.arxivpipeline.common.model.WriteResultsRequest;
import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.common.validation.SearchRequest;
import org.arxivpipeline.frontend.client.ArxivApiBackend;
import org.arxivpipeline.frontend.client.BackendBusy;
import org.arxivpipeline.frontend.client.QueriesBackend;
import org.arxivpipeline.frontend.client.ResultsBackend;
import org.arxivpipeline.frontend.client.SequenceBackend;
import org.arxivpipeline.frontend.config.FrontendConfig;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * {@code GET /arxiv}: arXiv and a query_id in parallel, then every result, then the query. The query is
 * written last, so it is visible only once all its results are stored, and a search that fails at any
 * step leaves no query behind. Both writes are idempotent, so their retries never duplicate a row.
 * <p>
 * When the query write fails after the results were stored, those results stay as orphans: reachable
 * by their query_id (which no query will ever have again) and in the unfiltered results listing, never
 * through the history. They are logged with their query_id at WARN.
 * <p>
 * A search runs to its end even when its client goes away: arXiv has been asked already (the pacing
 * slot is spent), and stopping between the two writes would leave orphan results. A client that
 * disconnects only detaches itself from the answer.
 */
@ApplicationScoped
public class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class);

    @Inject
    ArxivApiBackend arxivApi;

    @Inject
    SequenceBackend sequence;

    @Inject
    ResultsBackend results;

    @Inject
    QueriesBackend queries;

    @Inject
    FrontendConfig config;

    @Inject
    SearchAdmission admission;

    /** Refused at once with 503 when the searches in flight hold all the results the heap allows ({@link SearchAdmission}). */
    public Uni<QueryRecord> search(SearchRequest request) {
        Uni<QueryRecord> running = admitted(request.maxResults(), () -> searchAndStore(request)).memoize().indefinitely();
        // this subscription is never cancelled: it carries the search to its end (failures are logged
        // on the way and reach the client through the caller's own subscription)
        running.subscribe().with(query -> { }, failure -> { });
        return running;
    }

    /**
     * A watch's run: the same search and storage as {@link #search} (admission included), the query record
     * carrying {@code watchId}, with the background priority at arXiv. Answers the stored query and its results.
     */
    public Uni<StoredSearch> runWatch(SearchRequest request, long watchId) {
        // arxiv-api's 503 is arXiv unavailable, unreachable or limiting it, after its retries: the run failed (its
        // error shown, tried again after a back-off), unlike a 429 (it yielded its turn) or a 503 of this
        // frontend's or another backend's load shedding, after which the runner only defers it
        return admitted(request.maxResults(), () -> Uni.combine().all().unis(arxivApi.searchInBackground(request)
                .onFailure(BackendBusy.class).transform(busy -> ProblemException.badGateway(busy.getMessage())), sequence.next()).asTuple()
                .flatMap(both -> {
                    ArxivAnswer answer = both.getItem1();
                    long queryId = both.getItem2();
                    return store(answer, answer.record(queryId).ofWatch(watchId)).map(query -> new StoredSearch(query,
                            IntStream.range(0, answer.data().size())
                                    .mapToObj(i -> answer.data().get(i).stored(queryId, i)).toList()));
                })
                .ifNoItem().after(config.searchDeadline())
                .failWith(() -> ProblemException.timeout("The watch's search did not complete within " + config.searchDeadline().toSeconds() + " s")));
    }

    /** {@code work} with the results it may hold admitted ({@link SearchAdmission}), given back when it ends; 503 at once if not. */
    private <T> Uni<T> admitted(int maxResults, Supplier<Uni<T>> work) {
        SearchAdmission.Ticket ticket;
        try {
            ticket = admission.admit(maxResults);
        } catch (ProblemException refused) {
            return Uni.createFrom().failure(refused);
        }
        return work.get().onTermination().invoke(ticket::giveBack);
    }

    /** A search stored: its query record and its results. */
    public record StoredSearch(QueryRecord query, List<StoredResult> results) {
    }

    private Uni<QueryRecord> searchAndStore(SearchRequest request) {
        return Uni.combine().all().unis(arxivApi.search(request), sequence.next()).asTuple()
                .flatMap(both -> store(both.getItem1(), both.getItem1().record(both.getItem2())))
                .ifNoItem().after(config.searchDeadline())
                .failWith(() -> ProblemException.timeout("The search did not complete within " + config.searchDeadline().toSeconds() + " s"));
    }

    private Uni<QueryRecord> store(ArxivAnswer answer, QueryRecord query) {
        long queryId = query.queryId();
        return results.write(new WriteResultsRequest(queryId, answer.timestamp(), answer.data()))
                .invoke(() -> Notice.log(SearchService.class, "results of query %d stored: %d", queryId, answer.numEntries()))
                .flatMap(stored -> queries.write(query)
                        .onFailure().invoke(failure -> LOG.warnf("query %d not stored (%s): its %d results stay as orphans",
                                queryId, failure.getMessage(), answer.numEntries())))
                .invoke(() -> Notice.log(SearchService.class, "query %d stored: %s", queryId, answer.query()))
                .replaceWith(query);
    }
}
