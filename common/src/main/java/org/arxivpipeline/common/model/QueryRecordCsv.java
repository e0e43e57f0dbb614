package org.arxivpipeline.common.model;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.arxivpipeline.common.export.Csv;
import org.arxivpipeline.common.time.UnixTime;

/**
 * Query records as CSV rows, in either form of {@link QueryRecordJson}: the public one (as {@code /queries}
 * answers them: {@code time}, the query's prefix) or the stored one.
 */
public final class QueryRecordCsv {

    private static final String[] PUBLIC_HEADER = {"query_id", "timestamp", "time", "status", "num_results", "num_entries", "query", "sort_by",
        "sort_order", "start", "id_list", "complete", "watch_id"};
    private static final String[] STORED_HEADER = {"query_id", "timestamp", "status", "num_results", "num_entries", "query", "sort_by",
        "sort_order", "start", "id_list", "complete", "watch_id"};

    private QueryRecordCsv() {
    }

    /** The header row, naming the fields as the JSON does. */
    public static byte[] header(QueryRecordJson.Form form) {
        StringBuilder out = new StringBuilder(128);
        Csv.row(out, form == QueryRecordJson.Form.PUBLIC ? PUBLIC_HEADER : STORED_HEADER);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One row per record. */
    public static byte[] rows(List<QueryRecord> records, QueryRecordJson.Form form) {
        StringBuilder out = new StringBuilder(records.size() * 160);
        boolean open = form == QueryRecordJson.Form.PUBLIC;
        for (QueryRecord record : records) {
            String id = Long.toString(record.queryId());
            String timestamp = Long.toString(record.timestamp());
            String status = Integer.toString(record.status());
            String numResults = Long.toString(record.numResults());
            String numEntries = Integer.toString(record.numEntries());
            String start = Integer.toString(record.start());
            String complete = Boolean.toString(record.complete());
            String watchId = record.watchId() == null ? null : Long.toString(record.watchId());
            if (open) {
                Csv.row(out, id, timestamp, UnixTime.toIso(record.timestamp()), status, numResults, numEntries,
                        QueryRecordJson.QUERY_PREFIX + record.query(), record.sortBy(), record.sortOrder(), start, record.idList(), complete, watchId);
            } else {
                Csv.row(out, id, timestamp, status, numResults, numEntries, record.query(), record.sortBy(), record.sortOrder(), start,
                        record.idList(), complete, watchId);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
