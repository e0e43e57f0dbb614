package org.arxivpipeline.common.problem;

/** One invalid field of a request: its name as the client spelled it, and what is wrong with it. */
public record FieldError(String field, String message) {
}
