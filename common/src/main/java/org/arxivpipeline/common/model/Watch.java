package org.arxivpipeline.common.model;

import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A saved search that runs on its own ({@code GET /watches/{watch_id}}): {@code every} as it was given (an
 * ISO-8601 duration), {@code search} the search parameters of {@code GET /arxiv} it runs, normalised; times in
 * Unix seconds. {@code last_error} is the failure of the last run, null after a success; {@code new_papers}
 * the papers that the last run found for the first time.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Watch(long watchId, String name, String every, Map<String, String> search, long created, Long lastRun,
        long nextRun, Long lastQueryId, String lastError, int newPapers) {
}
