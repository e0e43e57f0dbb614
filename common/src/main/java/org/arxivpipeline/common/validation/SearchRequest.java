package org.arxivpipeline.common.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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

    /** {@code 2405.01234}, {@code 0704.0001v2}: the scheme since April 2007, four or five digits after the dot. */
    private static final Pattern NEW_ID = Pattern.compile("\\d{4}\\.\\d{4,5}(v[1-9]\\d{0,3})?");
    /** {@code hep-th/9901001}, {@code math.CO/0101001v1}: archive, optional subject class, YYMMNNN. */
    private static final Pattern OLD_ID = Pattern.compile("[a-z]+(-[a-z]+)?(\\.[A-Z]{2})?/\\d{7}(v[1-9]\\d{0,3})?");

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
        List<String> categories = categories(p.category, errors);
        List<String> ids = ids(p.ids, errors);
        if (author == null && title == null && journal == null && abstractText == null && all == null && isBlank(p.category)
                && isBlank(p.ids)) {
            for (String field : REQUIRED_ONE_OF) {
                errors.add(field, "at least one of author, title, journal, abstract, all, category, ids is required");
            }
        }
        Long from = time("submitted_from", p.submittedFrom, false, times, errors);
        Long to = time("submitted_to", p.submittedTo, true, times, errors);
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

    private static List<String> categories(String value, InputErrors errors) {
        List<String> items = items("category", value, MAX_CATEGORIES, "categories", errors);
        List<String> unknown = new ArrayList<>();
        for (String id : items) {
            if (!ArxivTaxonomy.contains(id)) {
                List<String> closest = ArxivTaxonomy.closest(id, 3);
                unknown.add("'" + shorten(id) + "'" + (closest.isEmpty() ? "" : " (did you mean " + String.join(", ", closest) + "?)"));
            }
        }
        if (!unknown.isEmpty()) {
            errors.add("category", "unknown arXiv categor" + (unknown.size() == 1 ? "y " : "ies ") + String.join(", ", unknown.subList(0,
                    Math.min(5, unknown.size()))) + "; ids are written as arXiv writes them, e.g. cs.LG, hep-th, math.CO");
        }
        return items;
    }

    private static List<String> ids(String value, InputErrors errors) {
        List<String> items = items("ids", value, MAX_IDS, "ids", errors);
        List<String> malformed = items.stream().filter(id -> !NEW_ID.matcher(id).matches() && !OLD_ID.matcher(id).matches())
                .map(id -> "'" + shorten(id) + "'").limit(5).toList();
        if (!malformed.isEmpty()) {
            errors.add("ids", "not arXiv ids: " + String.join(", ", malformed)
                    + "; ids look like 2405.01234, 2405.01234v2, hep-th/9901001 or math.CO/0101001v1");
        }
        return items;
    }

    /** The comma-separated items of a list parameter, stripped, duplicates dropped, in their order. */
    private static List<String> items(String field, String value, int max, String what, InputErrors errors) {
        if (isBlank(value)) {
            return List.of();
        }
        Set<String> items = new LinkedHashSet<>();
        boolean empty = false;
        for (String item : value.split(",", -1)) {
            String stripped = item.strip();
            if (stripped.isEmpty()) {
                empty = true;
            } else {
                items.add(stripped);
            }
        }
        if (empty) {
            errors.add(field, "has an empty item between commas");
        }
        if (items.size() > max) {
            errors.add(field, "must hold at most " + max + " " + what + " (" + items.size() + " given)");
        }
        return List.copyOf(items);
    }

    private static Long time(String field, String value, boolean end, TimestampParser times, InputErrors errors) {
        if (isBlank(value)) {
            return null;
        }
        var parsed = end ? times.parseAsEnd(value) : times.parse(value);
        if (parsed.isEmpty()) {
            errors.add(field, TimestampParser.acceptedForms());
            return null;
        }
        return parsed.get();
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

    /** A client's text echoed in a message, cut short. */
    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
