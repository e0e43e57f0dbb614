package org.arxivpipeline.results.rest;

import java.io.IOException;
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

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads and validates the body of {@code POST /write-results}, reporting every invalid field at once. */
final class WriteResultsRequestReader {

    static final int MAX_TITLE = 4000;
    /** Large collaborations list thousands of authors. */
    static final int MAX_AUTHORS = 500_000;
    static final int MAX_SHORT = 2000;
    static final int MAX_ID = 100;
    /** arXiv's abstracts are limited to 1,920 characters; older ones run longer. */
    static final int MAX_ABSTRACT = 10_000;
    static final int MAX_CATEGORIES = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    private WriteResultsRequestReader() {
    }

    /**
     * Reads the body as a stream of tokens: each result is turned into a tree of its own, validated and
     * dropped, so a body of 2,000 results is never held as one JSON tree beside its records (five to ten
     * times the body's size in heap).
     */
    static WriteResultsRequest read(byte[] body) throws IOException {
        InputErrors errors = new InputErrors();
        ObjectNode fields = JSON.createObjectNode();
        List<ArxivEntry> entries = null;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                JsonBody.root(null, errors);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (parser.nextToken() == JsonToken.START_ARRAY && name.equals("results")) {
                    entries = entries(parser, errors);
                } else {
                    fields.set(name, JSON.readTree(parser));
                }
            }
        }
        JsonBody request = JsonBody.root(fields, errors);
        Long queryId = request.integer("query_id", 1, Long.MAX_VALUE);
        Long timestamp = request.integer("timestamp", 0, UnixTime.MAX);
        if (entries == null) {
            JsonNode results = request.get("results");
            errors.add("results", results == null || results.isNull() ? "is required" : "must be an array");
        }
        errors.throwIfAny();
        return new WriteResultsRequest(queryId, timestamp, entries);
    }

    /** The elements of the results array, the parser on its start; beyond the limit, an error and the rest skipped. */
    private static List<ArxivEntry> entries(JsonParser parser, InputErrors errors) throws IOException {
        List<ArxivEntry> entries = new ArrayList<>();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (index == WriteResultsRequest.MAX_RESULTS) {
                errors.add("results", "must hold at most " + WriteResultsRequest.MAX_RESULTS + " results");
            }
            if (index >= WriteResultsRequest.MAX_RESULTS) {
                parser.skipChildren();
            } else {
                entries.add(entry(JSON.readTree(parser), "results[" + index + "]", errors));
            }
            index++;
        }
        return entries;
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
        String abstractText = entry.text("abstract", MAX_ABSTRACT, false);
        List<String> categories = categories(entry, errors);
        String updated = instant(entry, "updated", errors);
        String comment = entry.text("comment", MAX_SHORT, false);
        String pdfUrl = entry.text("pdf_url", MAX_SHORT, false);
        return new ArxivEntry(arxivId, title, authors, journal, doi, category, published, url, abstractText, categories, updated,
                comment, pdfUrl);
    }

    /** An array of category ids ({@code cs.LG}, {@code hep-th}), at most {@link #MAX_CATEGORIES}; null when absent. */
    private static List<String> categories(JsonBody entry, InputErrors errors) {
        JsonNode node = entry.get("categories");
        if (node == null || node.isNull()) {
            return null;
        }
        String field = entry.field("categories");
        if (!node.isArray()) {
            errors.add(field, "must be an array of category ids");
            return null;
        }
        if (node.size() > MAX_CATEGORIES) {
            errors.add(field, "must hold at most " + MAX_CATEGORIES + " categories");
            return null;
        }
        List<String> categories = new ArrayList<>(node.size());
        for (JsonNode category : node) {
            if (!category.isTextual() || category.textValue().isBlank() || category.textValue().length() > MAX_ID
                    || category.textValue().indexOf('\0') >= 0) {
                errors.add(field, "must hold category ids (strings of 1 to " + MAX_ID + " characters)");
                return null;
            }
            categories.add(category.textValue());
        }
        return List.copyOf(categories);
    }

    private static String published(JsonBody entry, InputErrors errors) {
        return instant(entry, "published", errors);
    }

    /** ISO-8601 with an offset, stored and answered as UTC whole seconds ({@code 2024-05-02T17:59:59Z}). */
    private static String instant(JsonBody entry, String name, InputErrors errors) {
        String text = entry.text(name, 64, false);
        if (text == null) {
            return null;
        }
        try {
            return UnixTime.toIso(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            errors.add(entry.field(name), "must be an ISO-8601 date-time with offset, e.g. 2024-05-02T17:59:59Z");
            return null;
        }
    }
}
