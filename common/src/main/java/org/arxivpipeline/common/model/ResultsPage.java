package org.arxivpipeline.common.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One page of stored results. {@code total} is only present when the page is of one query;
 * {@code next_cursor} is always present, null on the last page.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResultsPage(List<StoredResult> results, long page, int itemsPerPage,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long total, String nextCursor) {
}
