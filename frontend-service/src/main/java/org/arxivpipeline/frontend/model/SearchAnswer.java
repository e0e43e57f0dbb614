package org.arxivpipeline.frontend.model;

import org.arxivpipeline.common.model.QueryRecord;
import org.arxivpipeline.common.time.UnixTime;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The answer of {@code GET /arxiv}: the stored query record, with its time also in ISO-8601. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchAnswer(long queryId, long timestamp, String time, int status, long numResults, int numEntries, String query,
        String sortBy, String sortOrder, int start, String idList, boolean complete) {

    public static SearchAnswer of(QueryRecord record) {
        return new SearchAnswer(record.queryId(), record.timestamp(), UnixTime.toIso(record.timestamp()), record.status(),
                record.numResults(), record.numEntries(), record.query(), record.sortBy(), record.sortOrder(), record.start(),
                record.idList(), record.complete());
    }
}
