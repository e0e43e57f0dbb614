package org.arxivpipeline.common.model;

/** The answer of {@code GET /get-sequence}: a {@code query_id} nobody else has had. */
public record SequenceValue(long sequence) {
}
