package org.arxivpipeline.frontend.model;

import org.arxivpipeline.common.model.QueryRecord;
import org.arxivpipeline.common.time.UnixTime;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The answer of {@code GET /arxiv}: the stored query, with its time also in ISO-8601. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchAnswer(long queryId, long timestamp, String time, int status, long numResults, int numEntries, String query) {

    public static SearchAnswer of(QueryRecord record) {
        return new SearchAnswer(record.queryId(), record.timestamp(), UnixTime.toIso(record.timestamp()), record.status(),
                record.numResults(), record.numEntries(), record.query());
    }
}
