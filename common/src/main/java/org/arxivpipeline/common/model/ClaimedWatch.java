package org.arxivpipeline.common.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A due watch that one runner has claimed: {@code claim} names this run; the watch is not due again until
 * the lease ends ({@code watch.next_run}), when another runner may take it over.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ClaimedWatch(Watch watch, String claim) {
}
