package org.arxivpipeline.queries.rest;

import java.util.Set;

import org.arxivpipeline.common.model.QueryRecord;
import org.arxivpipeline.common.time.UnixTime;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.SearchRequest;
import org.arxivpipeline.common.validation.JsonBody;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads and validates the body of {@code POST /write-queries}, reporting every invalid field at once. */
final class QueryRecordReader {

    /**
     * The longest {@code query} accepted: five text fields of 300 characters, each word prefixed and joined
     * with AND, twenty categories and a date range fit.
     */
    static final int MAX_QUERY_LENGTH = 16_000;
    static final int MAX_ENTRIES = 2000;
    /** 100 ids of at most 25 characters, comma-separated. */
    static final int MAX_ID_LIST_LENGTH = 2600;
    private static final Set<String> SORT_BY = Set.of("relevance", "submitted", "updated");
    private static final Set<String> SORT_ORDER = Set.of("descending", "ascending");

    private QueryRecordReader() {
    }

    /**
     * The record; the fields added after the first release are optional (a frontend of that release sends
     * none) and default to what its searches were: relevance, descending, from 0, no ids, complete, no watch.
     */
    static QueryRecord read(JsonNode node) {
        InputErrors errors = new InputErrors();
        JsonBody body = JsonBody.root(node, errors);
        Long queryId = body.integer("query_id", 1, Long.MAX_VALUE);
        Long timestamp = body.integer("timestamp", 0, UnixTime.MAX);
        Long status = body.integer("status", 100, 599);
        Long numResults = body.integer("num_results", 0, Long.MAX_VALUE);
        Long numEntries = body.integer("num_entries", 0, MAX_ENTRIES);
        String idList = body.text("id_list", MAX_ID_LIST_LENGTH, false);
        // a search by ids alone sends arXiv no search_query: its query is empty
        String query = body.text("query", MAX_QUERY_LENGTH, idList == null);
        if (query == null && idList != null && body.get("query") == null) {
            errors.add(body.field("query"), "is required");
        }
        String sortBy = choice(body, "sort_by", SORT_BY, QueryRecord.DEFAULT_SORT_BY, errors);
        String sortOrder = choice(body, "sort_order", SORT_ORDER, QueryRecord.DEFAULT_SORT_ORDER, errors);
        Long start = body.get("start") == null ? Long.valueOf(0) : body.integer("start", 0, SearchRequest.MAX_DEPTH - 1);
        Boolean complete = flag(body, "complete", errors);
        Long watchId = body.get("watch_id") == null || body.get("watch_id").isNull() ? null : body.integer("watch_id", 1, Long.MAX_VALUE);
        errors.throwIfAny();
        return new QueryRecord(queryId, timestamp, status.intValue(), numResults, numEntries.intValue(), query, sortBy, sortOrder,
                start.intValue(), idList, complete, watchId);
    }

    private static String choice(JsonBody body, String name, Set<String> allowed, String fallback, InputErrors errors) {
        if (body.get(name) == null || body.get(name).isNull()) {
            return fallback;
        }
        String value = body.text(name, 20, false);
        if (value != null && !allowed.contains(value)) {
            errors.add(body.field(name), "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return value;
    }

    private static Boolean flag(JsonBody body, String name, InputErrors errors) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return true;
        }
        if (!value.isBoolean()) {
            errors.add(body.field(name), "must be true or false");
            return null;
        }
        return value.booleanValue();
    }
}
