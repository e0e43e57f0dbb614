package org.arxivpipeline.common.model;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The end of a watch's run, as its runner reports it to backend-watches under its {@code claim}: the
 * stored query and its results ({@code results} empty and {@code error} set when the run failed).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WatchRun(String claim, Long queryId, List<StoredResult> results, String error) {
}
