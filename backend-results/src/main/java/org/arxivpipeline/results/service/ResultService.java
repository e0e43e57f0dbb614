package org.arxivpipeline.results.service;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.arxivpipeline.common.logging.Notice;
import org.arxivpipeline.common.model.ArxivEntry;
import org.arxivpipeline.common.model.ResultsPage;
import org.arxivpipeline.common.model.StoredResult;
import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.PageRequest;
import org.arxivpipeline.common.validation.ResultFilter;
import org.arxivpipeline.results.config.ResultsConfig;
import org.arxivpipeline.results.mapping.ResultsCursor;
import org.arxivpipeline.results.repository.ResultRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/** Stores the results of a query idempotently and serves them in pages. */
@ApplicationScoped
public class ResultService {

    @Inject
    ResultRepository repository;

    @Inject
    MeterRegistry registry;

    /** There from the start (at 0), as every counter an alert or the dashboard reads. */
    void registerAtStart(@Observes StartupEvent start) {
        registry.counter("results.stored");
    }

    @Inject
    FilteredTotals totals;

    @Inject
    OffsetCheckpoints checkpoints;

    private final byte[] cursorKey;

    @Inject
    ResultService(ResultsConfig config) {
        this.cursorKey = config.cursorSecret().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Stores result i as result_number i. Rows already there are kept: a retried write changes
     * nothing and answers as the first did; stored rows that differ from this write are a 409.
     */
    public Uni<Integer> write(long queryId, long timestamp, List<ArxivEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return repository.insertIfAbsent(queryId, timestamp, entries).flatMap(inserted -> {
            if (inserted > 0) {
                totals.forget();
                checkpoints.forget();
            }
            registry.counter("results.stored").increment(inserted);
            Notice.log(ResultService.class, "results of query %d stored: %d new of %d", queryId, inserted, entries.size());
            if (inserted == entries.size()) {
                return Uni.createFrom().item(inserted);
            }
            return repository.firstOfQuery(queryId, entries.size()).map(stored -> {
                for (StoredResult row : stored) {
                    if (!sameContent(row, entries.get(row.resultNumber()))) {
                        throw ProblemException.conflict("result " + row.resultNumber() + " of query_id " + queryId
                                + " is already stored with other content");
                    }
                }
                return inserted;
            });
        });
    }

    /** A page served, and the query_id its pages are of (given, or carried by its cursor; null for all results). */
    public record ServedPage(ResultsPage page, Long queryId) {
    }

    /**
     * A client's cursor: one of this service's, of the same filters and, with a {@code queryId}, of that
     * query; else null and the error recorded on field {@code cursor} (beside the request's other errors).
     */
    public ResultsCursor cursor(String text, Long queryId, ResultFilter filter, InputErrors errors) {
        ResultsCursor cursor;
        try {
            cursor = ResultsCursor.decode(text, cursorKey);
        } catch (ResultsCursor.InvalidCursorException e) {
            errors.add("cursor", PageRequest.NOT_A_CURSOR);
            return null;
        }
        if (queryId != null && !queryId.equals(cursor.queryFilter())) {
            errors.add("cursor", "belongs to another query_id");
            return null;
        }
        if (filter != null && !ResultsCursor.fingerprint(filter.queryParameters()).equals(cursor.filters())) {
            errors.add("cursor", "belongs to other filters: a cursor pages the filters of the page that gave it");
            return null;
        }
        return cursor;
    }

    /** The page after {@code cursor} when there is one (its query_id wins), else page {@code page} of {@code queryId}'s results. */
    public Uni<ServedPage> page(Long queryId, ResultFilter filter, long page, int itemsPerPage, ResultsCursor cursor) {
        Long pagesOf = cursor != null ? cursor.queryFilter() : queryId;
        return rows(pagesOf, filter, page, itemsPerPage, cursor).map(served -> new ServedPage(served, pagesOf));
    }

    /** A page of one query's results ({@code queryId} given) or of all results, by cursor or by page number. */
    private Uni<ResultsPage> rows(Long queryId, ResultFilter filter, long page, int itemsPerPage, ResultsCursor cursor) {
        int fetch = itemsPerPage + 1; // one more than shown tells whether a next page exists
        long pageNumber = cursor != null ? cursor.page() : page;
        Uni<List<StoredResult>> rows;
        Uni<Long> total;
        if (!filter.isEmpty()) {
            rows = repository.filtered(queryId, filter, cursor, page * itemsPerPage, fetch);
            // counted with the first page, then carried by the cursors
            total = cursor != null && cursor.total() != null ? Uni.createFrom().item(cursor.total())
                    : totals.of(queryId, filter, () -> repository.countFiltered(queryId, filter));
        } else {
            if (queryId != null) {
                long first = cursor != null ? cursor.lastResultNumber() + 1L : page * itemsPerPage;
                rows = repository.ofQueryFrom(queryId, first, fetch);
            } else if (cursor != null) {
                rows = repository.allAfter(cursor.lastQueryId(), cursor.lastResultNumber(), fetch);
            } else {
                long offset = page * itemsPerPage;
                rows = checkpoints.atOrBefore(offset, repository::keyAfter)
                        .flatMap(from -> repository.allFrom(from.key(), offset - from.offset(), fetch));
            }
            total = queryId == null ? Uni.createFrom().nullItem() : repository.countOfQuery(queryId);
        }
        String filters = ResultsCursor.fingerprint(filter.queryParameters());
        return Uni.combine().all().unis(rows, total).asTuple().map(both -> {
            List<StoredResult> found = both.getItem1();
            boolean more = found.size() > itemsPerPage;
            List<StoredResult> shown = more ? found.subList(0, itemsPerPage) : found;
            String next = null;
            if (more) {
                StoredResult last = shown.get(shown.size() - 1);
                next = new ResultsCursor(queryId, last.queryId(), last.resultNumber(), pageNumber + 1, filters,
                        filters.isEmpty() ? null : both.getItem2()).encode(cursorKey);
            }
            return new ResultsPage(List.copyOf(shown), pageNumber, itemsPerPage, both.getItem2(), next);
        });
    }

    private static boolean sameContent(StoredResult row, ArxivEntry entry) {
        return java.util.Objects.equals(row.arxivId(), entry.arxivId())
                && java.util.Objects.equals(row.title(), entry.title())
                && java.util.Objects.equals(row.authors(), entry.authors())
                && java.util.Objects.equals(row.journal(), entry.journal())
                && java.util.Objects.equals(row.doi(), entry.doi())
                && java.util.Objects.equals(row.primaryCategory(), entry.primaryCategory())
                && java.util.Objects.equals(row.published(), entry.published())
                && java.util.Objects.equals(row.url(), entry.url())
                // fields a writer of an earlier release did not send: a stored null is no contradiction
                && sameOrUnknown(row.abstractText(), entry.abstractText())
                && sameOrUnknown(row.categories(), entry.categories())
                && sameOrUnknown(row.updated(), entry.updated())
                && sameOrUnknown(row.comment(), entry.comment())
                && sameOrUnknown(row.pdfUrl(), entry.pdfUrl());
    }

    private static boolean sameOrUnknown(Object stored, Object written) {
        return stored == null || written == null || stored.equals(written);
    }
}
