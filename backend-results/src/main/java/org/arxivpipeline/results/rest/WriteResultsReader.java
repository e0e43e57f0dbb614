package org.arxivpipeline.results.rest;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.arxivpipeline.common.model.ArxivEntry;
import org.arxivpipeline.common.model.WriteResultsRequest;
import org.arxivpipeline.common.time.UnixTime;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.JsonBody;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads and validates the body of {@code POST /write-results}, reporting every invalid field at once. */
final class WriteResultsReader {

    static final int MAX_TITLE = 4000;
    /** Large collaborations list thousands of authors. */
    static final int MAX_AUTHORS = 500_000;
    static final int MAX_SHORT = 2000;
    static final int MAX_ID = 100;

    private WriteResultsReader() {
    }

    static WriteResultsRequest read(JsonNode node) {
        InputErrors errors = new InputErrors();
        JsonBody body = JsonBody.root(node, errors);
        Long queryId = body.integer("query_id", 1, Long.MAX_VALUE);
        Long timestamp = body.integer("timestamp", 0, UnixTime.MAX);
        List<ArxivEntry> entries = new ArrayList<>();
        JsonNode results = body.get("results");
        if (results == null || results.isNull()) {
            errors.add("results", "is required");
        } else if (!results.isArray()) {
            errors.add("results", "must be an array");
        } else if (results.size() > WriteResultsRequest.MAX_RESULTS) {
            errors.add("results", "must hold at most " + WriteResultsRequest.MAX_RESULTS + " results");
        } else {
            for (int i = 0; i < results.size(); i++) {
                entries.add(entry(results.get(i), "results[" + i + "]", errors));
            }
        }
        errors.throwIfAny();
        return new WriteResultsRequest(queryId, timestamp, entries);
    }

    private static ArxivEntry entry(JsonNode node, String name, InputErrors errors) {
        JsonBody entry = JsonBody.object(node, name + ".", name, errors);
        if (entry == null) {
            return null;
        }
        String arxivId = entry.text("arxiv_id", MAX_ID, true);
        String title = entry.text("title", MAX_TITLE, false); // arXiv once sent an entry without one
        String authors = entry.text("authors", MAX_AUTHORS, false);
        String journal = entry.text("journal", MAX_SHORT, false);
        String doi = entry.text("doi", MAX_SHORT, false);
        String category = entry.text("primary_category", MAX_ID, false);
        String published = published(entry, errors);
        String url = entry.text("url", MAX_SHORT, false);
        return new ArxivEntry(arxivId, title, authors, journal, doi, category, published, url);
    }

    /** ISO-8601 with an offset, stored and answered as UTC whole seconds ({@code 2024-05-02T17:59:59Z}). */
    private static String published(JsonBody entry, InputErrors errors) {
        String text = entry.text("published", 64, false);
        if (text == null) {
            return null;
        }
        try {
            return UnixTime.toIso(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            errors.add(entry.field("published"), "must be an ISO-8601 date-time with offset, e.g. 2024-05-02T17:59:59Z");
            return null;
        }
    }
}
