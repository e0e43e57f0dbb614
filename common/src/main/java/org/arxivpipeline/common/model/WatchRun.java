package org.arxivpipeline.common.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The end of a watch's run, as its runner reports it to backend-watches under its {@code claim}: the
 * stored query and its results; or {@code error} when the run failed; or {@code defer_seconds} when it could
 * not have its turn (interactive searches were waiting, or the frontend was full): not a failure, the run
 * is given back and comes due again after that long.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WatchRun(String claim, Long queryId, List<StoredResult> results, String error,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long deferSeconds) {

    /** A run that ended: succeeded ({@code error} null) or failed. */
    public WatchRun(String claim, Long queryId, List<StoredResult> results, String error) {
        this(claim, queryId, results, error, null);
    }

    /** A run that did not get its turn: due again after {@code seconds}. */
    public static WatchRun deferred(String claim, long seconds) {
        return new WatchRun(claim, null, List.of(), null, seconds);
    }
}
