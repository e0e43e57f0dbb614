package org.arxivpipeline.results.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.arxivpipeline.common.validation.ResultFilter;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The WHERE clause of a filtered read and its parameters, built from checked filters: every value is a
 * statement parameter, never text of the statement. Each condition is the expression an index of V3 is
 * built on (the same IMMUTABLE functions), so PostgreSQL can use it.
 */
final class FilteredQuery {

    private final List<String> conditions = new ArrayList<>();
    private final Tuple values = Tuple.tuple();

    FilteredQuery(Long queryId, ResultFilter filter) {
        if (queryId != null) {
            add("query_id = $%d", queryId);
        }
        if (filter.q() != null) {
            // the document stored by V4 (and indexed): no to_tsvector per row checked
            add("document @@ websearch_to_tsquery('english', $%d)", filter.q());
        }
        if (!filter.categories().isEmpty()) {
            add("categories && $%d::text[]", filter.categories().toArray(new String[0]));
        }
        for (String word : filter.authorWords()) {
            // the word folded as the index folds names (folding leaves \ % _ alone), LIKE's wildcards in it escaped
            add("results_fold(author) LIKE '%%' || results_fold($%d) || '%%'", likeLiteral(word));
        }
        if (filter.publishedFrom() != null) {
            add("published >= $%d", OffsetDateTime.ofInstant(Instant.ofEpochSecond(filter.publishedFrom()), ZoneOffset.UTC));
        }
        if (filter.publishedTo() != null) {
            add("published <= $%d", OffsetDateTime.ofInstant(Instant.ofEpochSecond(filter.publishedTo()), ZoneOffset.UTC));
        }
        if (filter.arxivId() != null) {
            add("results_paper(arxiv_id) = $%d", filter.arxivId());
        }
    }

    /** {@code text} matched literally by LIKE, whose escape character is the backslash. */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Also only results after (query_id, result_number) {@code (lastQueryId, lastResultNumber)}: the keyset of a cursor. */
    FilteredQuery after(long lastQueryId, int lastResultNumber) {
        conditions.add("(query_id, result_number) > ($" + (values.size() + 1) + ", $" + (values.size() + 2) + ")");
        values.addLong(lastQueryId).addInteger(lastResultNumber);
        return this;
    }

    /** {@code SELECT columns … ORDER BY query_id, result_number LIMIT … OFFSET …}. */
    String page(String columns, int limit, long offset) {
        String sql = "SELECT " + columns + " FROM results" + where() + " ORDER BY query_id, result_number LIMIT $" + (values.size() + 1)
                + " OFFSET $" + (values.size() + 2);
        values.addInteger(limit).addLong(offset);
        return sql;
    }

    /** {@code SELECT columns … ORDER BY order}: every match, for a cursor to stream. */
    String every(String columns, String order) {
        return "SELECT " + columns + " FROM results" + where() + " ORDER BY " + order;
    }

    /** {@code SELECT count(*) …}. */
    String count() {
        return "SELECT count(*) FROM results" + where();
    }

    Tuple values() {
        return values;
    }

    private String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private void add(String condition, Object value) {
        conditions.add(condition.formatted(values.size() + 1));
        values.addValue(value);
    }
}
