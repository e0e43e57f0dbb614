package org.arxivpipeline.queries.rest;

import org.arxivpipeline.common.model.QueryRecord;
import org.arxivpipeline.common.time.UnixTime;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.JsonBody;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads and validates the body of {@code POST /write-queries}, reporting every invalid field at once. */
final class QueryRecordReader {

    /** The longest {@code query} accepted: three fields of 300 characters, each word prefixed and joined with AND, fit. */
    static final int MAX_QUERY_LENGTH = 8000;
    static final int MAX_ENTRIES = 2000;

    private QueryRecordReader() {
    }

    static QueryRecord read(JsonNode node) {
        InputErrors errors = new InputErrors();
        JsonBody body = JsonBody.root(node, errors);
        Long queryId = body.integer("query_id", 1, Long.MAX_VALUE);
        Long timestamp = body.integer("timestamp", 0, UnixTime.MAX);
        Long status = body.integer("status", 100, 599);
        Long numResults = body.integer("num_results", 0, Long.MAX_VALUE);
        Long numEntries = body.integer("num_entries", 0, MAX_ENTRIES);
        String query = body.text("query", MAX_QUERY_LENGTH, true);
        errors.throwIfAny();
        return new QueryRecord(queryId, timestamp, status.intValue(), numResults, numEntries.intValue(), query);
    }
}
