package org.arxivpipeline.results.mapping;

import org.arxivpipeline.common.model.StoredResult;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Results as JSON Lines: each the record {@code /results} answers, one per line. */
final class ResultJsonLines implements ResultWriter {

    private final ObjectMapper json;

    ResultJsonLines(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void append(StringBuilder out, StoredResult result) {
        try {
            out.append(json.writeValueAsString(result)).append('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored result could not be written as JSON", e);
        }
    }
}
