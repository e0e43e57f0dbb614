package org.arxivpipeline.common.model;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One paper across everything stored ({@code GET /papers/{arxiv_id}}): its id without version, the record of
 * the newest version stored, every version stored, every query that found it (ascending), and when it was
 * first and last seen (the Unix seconds of those queries' answers).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Paper(String arxivId, StoredResult latest, List<String> versions, List<Long> queryIds, long firstSeen, long lastSeen) {
}
