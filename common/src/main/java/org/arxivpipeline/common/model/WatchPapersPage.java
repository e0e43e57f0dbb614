package org.arxivpipeline.common.model;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One page of a watch's new papers ({@code GET /watches/{watch_id}/new}), paged like {@link ResultsPage}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WatchPapersPage(List<WatchPaper> results, long page, int itemsPerPage, long total, String nextCursor) {
}
