package org.arxivpipeline.common.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.arxivpipeline.common.time.TimestampParser;

/**
 * A search ({@code GET /arxiv}, {@code GET /arxiv-api}) as the contract bounds it, every parameter checked
 * ({@link #read}). Text fields: at most 300 characters, blank is absent; at least one of the text fields,
 * {@code category} or {@code ids}. Categories are ids of arXiv's taxonomy, ids are arXiv identifiers (new
 * or old style, at most 100), dates are Unix seconds, {@code start + max_results} stays within arXiv's
 * 30,000.
 */
public record SearchRequest(String author, String title, String journal, String abstractText, String all,
        List<String> categories, List<String> ids, Long submittedFrom, Long submittedTo, SortBy sortBy, SortOrder sortOrder,
        int start, int maxResults) {

    public static final int MAX_FIELD_LENGTH = 300;
    public static final int MAX_RESULTS = 2000;
    /** arXiv serves no result past the 30,000th of a query. */
    public static final int MAX_DEPTH = 30_000;
    public static final int MAX_IDS = 100;
    public static final int MAX_CATEGORIES = 20;

    private static final List<String> REQUIRED_ONE_OF = List.of("author", "title", "journal", "abstract", "all", "category", "ids");

    /** The order of arXiv's results: {@code sort_by} and the {@code sortBy} arXiv is sent. */
    public enum SortBy {
        RELEVANCE("relevance"), SUBMITTED("submittedDate"), UPDATED("lastUpdatedDate");

        private final String arxivName;

        SortBy(String arxivName) {
            this.arxivName = arxivName;
        }

        /** The value of {@code sort_by} (and of the stored record). */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String arxivName() {
            return arxivName;
        }
    }

    /** {@code sort_order}; arXiv's {@code sortOrder} has the same names. */
    public enum SortOrder {
        DESCENDING, ASCENDING;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The validated request, or null when invalid (every error recorded in {@code errors}). */
    public static SearchRequest read(SearchParameters p, int defaultMaxResults, TimestampParser times, InputErrors errors) {
        String author = text("author", p.author, errors);
        String title = text("title", p.title, errors);
        String journal = text("journal", p.journal, errors);
        String abstractText = text("abstract", p.abstractText, errors);
        String all = text("all", p.all, errors);
        List<String> categories = ParameterReading.categories("category", p.category, MAX_CATEGORIES, errors);
        List<String> ids = ids(p.ids, errors);
        if (author == null && title == null && journal == null && abstractText == null && all == null && isBlank(p.category)
                && isBlank(p.ids)) {
            for (String field : REQUIRED_ONE_OF) {
                errors.add(field, "at least one of author, title, journal, abstract, all, category, ids is required");
            }
        }
        Long from = ParameterReading.time("submitted_from", p.submittedFrom, false, times, errors);
        Long to = ParameterReading.time("submitted_to", p.submittedTo, true, times, errors);
        if (from != null && to != null && from > to) {
            errors.add("submitted_from", "must not be after submitted_to");
        }
        SortBy sortBy = choice("sort_by", p.sortBy, SortBy.class, SortBy.RELEVANCE, errors);
        SortOrder sortOrder = choice("sort_order", p.sortOrder, SortOrder.class, SortOrder.DESCENDING, errors);
        Integer start = errors.smallInteger("start", p.start, 0, MAX_DEPTH - 1, 0);
        Integer max = errors.smallInteger("max_results", p.maxResults, 1, MAX_RESULTS, defaultMaxResults);
        if (start != null && max != null && start + max > MAX_DEPTH) {
            errors.add("start", "start + max_results must be at most " + MAX_DEPTH + " (arXiv's limit)");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new SearchRequest(author, title, journal, abstractText, all, categories, ids, from, to, sortBy, sortOrder, start, max);
    }

    /** The ids as arXiv's {@code id_list} gets them, or null when none. */
    public String idList() {
        return ids.isEmpty() ? null : String.join(",", ids);
    }

    /**
     * This request as the query parameters of {@code GET /arxiv-api}, normalised (dates in Unix seconds,
     * lists comma-separated, defaults spelt out): what the frontend passes on.
     */
    public Map<String, String> queryParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        putIfPresent(parameters, "author", author);
        putIfPresent(parameters, "title", title);
        putIfPresent(parameters, "journal", journal);
        putIfPresent(parameters, "abstract", abstractText);
        putIfPresent(parameters, "all", all);
        putIfPresent(parameters, "category", categories.isEmpty() ? null : String.join(",", categories));
        putIfPresent(parameters, "ids", idList());
        putIfPresent(parameters, "submitted_from", submittedFrom == null ? null : submittedFrom.toString());
        putIfPresent(parameters, "submitted_to", submittedTo == null ? null : submittedTo.toString());
        parameters.put("sort_by", sortBy.label());
        parameters.put("sort_order", sortOrder.label());
        parameters.put("start", Integer.toString(start));
        parameters.put("max_results", Integer.toString(maxResults));
        return parameters;
    }

    private static void putIfPresent(Map<String, String> parameters, String name, String value) {
        if (value != null) {
            parameters.put(name, value);
        }
    }

    private static String text(String field, String value, InputErrors errors) {
        if (isBlank(value)) {
            return null;
        }
        if (value.length() > MAX_FIELD_LENGTH) {
            errors.add(field, "must be at most " + MAX_FIELD_LENGTH + " characters");
        }
        return value;
    }

    private static List<String> ids(String value, InputErrors errors) {
        List<String> items = ParameterReading.items("ids", value, MAX_IDS, "ids", errors);
        List<String> malformed = items.stream().filter(id -> !ArxivIds.isValid(id))
                .map(id -> "'" + ParameterReading.shorten(id) + "'").limit(5).toList();
        if (!malformed.isEmpty()) {
            errors.add("ids", "not arXiv ids: " + String.join(", ", malformed) + "; ids look like " + ArxivIds.FORMS);
        }
        return items;
    }

    private static <E extends Enum<E>> E choice(String field, String value, Class<E> type, E fallback, InputErrors errors) {
        if (isBlank(value)) {
            return fallback;
        }
        for (E option : type.getEnumConstants()) {
            if (option.name().equalsIgnoreCase(value.strip())) {
                return option;
            }
        }
        List<String> names = new ArrayList<>();
        for (E option : type.getEnumConstants()) {
            names.add(option.name().toLowerCase(Locale.ROOT));
        }
        errors.add(field, "must be one of " + String.join(", ", names));
        return null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
