package org.arxivpipeline.common.model;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.arxivpipeline.common.export.Csv;
import org.arxivpipeline.common.time.UnixTime;

/** Query records in the public form (as {@code /queries} answers them: {@code time}, the query's prefix) as CSV rows. */
public final class QueryRecordCsv {

    private static final String[] HEADER = {"query_id", "timestamp", "time", "status", "num_results", "num_entries", "query", "sort_by",
        "sort_order", "start", "id_list", "complete"};

    private QueryRecordCsv() {
    }

    /** The header row, naming the fields as the JSON does. */
    public static byte[] header() {
        StringBuilder out = new StringBuilder(128);
        Csv.row(out, HEADER);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One row per record. */
    public static byte[] rows(List<QueryRecord> records) {
        StringBuilder out = new StringBuilder(records.size() * 160);
        for (QueryRecord record : records) {
            Csv.row(out, Long.toString(record.queryId()), Long.toString(record.timestamp()), UnixTime.toIso(record.timestamp()),
                    Integer.toString(record.status()), Long.toString(record.numResults()), Integer.toString(record.numEntries()),
                    QueryRecordJson.QUERY_PREFIX + record.query(), record.sortBy(), record.sortOrder(), Integer.toString(record.start()),
                    record.idList(), Boolean.toString(record.complete()));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
