package org.arxivpipeline.frontend.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.arxivpipeline.common.model.NewWatch;
import org.arxivpipeline.common.time.TimestampParser;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.SearchParameters;
import org.arxivpipeline.common.validation.SearchRequest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /watches} read and checked (every invalid field at once), and a stored watch's
 * search turned back into the request of its run. A watch's runs are sorted by submission date, newest
 * first, from the first result: {@code sort_by}, {@code sort_order} and {@code start} are not a watch's to
 * choose, and the stored search holds none of them.
 */
public final class WatchRequests {

    private static final Set<String> SEARCH_FIELDS = Set.of("author", "title", "journal", "abstract", "all", "category", "ids",
            "submitted_from", "submitted_to", "max_results");
    private static final Set<String> ORDER_FIELDS = Set.of("sort_by", "sort_order", "start");
    private static final Set<String> WATCH_FIELDS = Set.of("name", "every");

    private WatchRequests() {
    }

    /** The watch to create, or a 400 listing every invalid field. */
    public static NewWatch read(JsonNode body, int defaultMaxResults, TimestampParser times) {
        InputErrors errors = new InputErrors();
        if (body == null || !body.isObject()) {
            errors.add("body", "must be a JSON object with name, every and the search parameters of GET /arxiv");
            errors.throwIfAny();
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (ORDER_FIELDS.contains(name)) {
                errors.add(name, "is not a watch's to choose: its runs are sorted by submission date, newest first, from the first result");
            } else if (!SEARCH_FIELDS.contains(name) && !WATCH_FIELDS.contains(name)) {
                errors.add(name, "is not a field of a watch (name, every and the search parameters of GET /arxiv)");
            } else if (SEARCH_FIELDS.contains(name)) {
                String text = text(name, field.getValue(), errors);
                if (text != null) {
                    given.put(name, text);
                }
            }
        }
        String name = NewWatch.name(plain(body.get("name")), errors);
        Duration every = NewWatch.every(plain(body.get("every")), errors);
        SearchRequest search = SearchRequest.read(parameters(given), defaultMaxResults, times, errors);
        errors.throwIfAny();
        String everyText = body.hasNonNull("every") ? body.get("every").asText().strip() : NewWatch.DEFAULT_EVERY;
        return new NewWatch(name, every == null ? null : everyText, stored(search));
    }

    /** The request of a run of a watch whose search is {@code search}; null when it is no longer valid (recorded in errors). */
    public static SearchRequest run(Map<String, String> search, TimestampParser times, InputErrors errors) {
        SearchParameters parameters = parameters(search);
        parameters.sortBy = SearchRequest.SortBy.SUBMITTED.label();
        parameters.sortOrder = SearchRequest.SortOrder.DESCENDING.label();
        return SearchRequest.read(parameters, 10, times, errors);
    }

    /** The normalised parameters of a watch's search: what {@code GET /arxiv-api} gets, without the order. */
    static Map<String, String> stored(SearchRequest search) {
        Map<String, String> parameters = new LinkedHashMap<>(search.queryParameters());
        ORDER_FIELDS.forEach(parameters::remove);
        return parameters;
    }

    private static SearchParameters parameters(Map<String, String> values) {
        SearchParameters p = new SearchParameters();
        p.author = values.get("author");
        p.title = values.get("title");
        p.journal = values.get("journal");
        p.abstractText = values.get("abstract");
        p.all = values.get("all");
        p.category = values.get("category");
        p.ids = values.get("ids");
        p.submittedFrom = values.get("submitted_from");
        p.submittedTo = values.get("submitted_to");
        p.maxResults = values.get("max_results");
        return p;
    }

    /** A parameter as text: a string, a number, or (category, ids) an array of strings joined by commas. */
    private static String text(String name, JsonNode value, InputErrors errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual() || value.isNumber()) {
            return value.asText();
        }
        if (value.isArray() && (name.equals("category") || name.equals("ids"))) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    errors.add(name, "must be a string or an array of strings");
                    return null;
                }
                items.add(item.asText());
            }
            return String.join(",", items);
        }
        errors.add(name, "must be a string" + (name.equals("max_results") ? " or a number" : ""));
        return null;
    }

    /** A JSON value as NewWatch checks it: a string as a String, null as null, anything else as itself (not a string). */
    private static Object plain(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.asText() : value;
    }
}
