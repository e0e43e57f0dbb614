package org.arxivpipeline.common.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arxivpipeline.common.time.TimestampParser;

/**
 * What a results page or export is narrowed to, checked ({@link #read}): {@code q} full text (web-search
 * syntax), {@code categories} (any of them), {@code author} words, {@code published} range (Unix seconds),
 * {@code arxivId} the paper (its id without version). Absent filters are null (or empty).
 */
public record ResultFilter(String q, List<String> categories, String author, Long publishedFrom, Long publishedTo, String arxivId) {

    public static final int MAX_TEXT_LENGTH = 300;
    public static final int MAX_CATEGORIES = 20;

    /** No filter at all. */
    public static final ResultFilter NONE = new ResultFilter(null, List.of(), null, null, null, null);

    /** The filters, or null when one is invalid (every error recorded in {@code errors}). */
    public static ResultFilter read(ResultFilterParameters p, TimestampParser times, InputErrors errors) {
        int before = errors.list().size();
        String q = text("q", p.q, errors);
        List<String> categories = ParameterReading.categories("category", p.category, MAX_CATEGORIES, errors);
        String author = text("author", p.author, errors);
        if (author != null && author.codePoints().noneMatch(Character::isLetterOrDigit)) {
            errors.add("author", "has no word to look for");
        }
        Long from = ParameterReading.time("published_from", p.publishedFrom, false, times, errors);
        Long to = ParameterReading.time("published_to", p.publishedTo, true, times, errors);
        if (from != null && to != null && from > to) {
            errors.add("published_from", "must not be after published_to");
        }
        String id = p.arxivId == null || p.arxivId.isBlank() ? null : p.arxivId.strip();
        if (id != null && !ArxivIds.isValid(id)) {
            errors.add("arxiv_id", ArxivIds.NOT_AN_ID);
        }
        if (errors.list().size() > before) {
            return null;
        }
        return new ResultFilter(q, categories, author, from, to, id == null ? null : ArxivIds.paper(id));
    }

    public boolean isEmpty() {
        return q == null && categories.isEmpty() && author == null && publishedFrom == null && publishedTo == null && arxivId == null;
    }

    /**
     * The filters as query parameters, normalised (dates in Unix seconds, the paper's id without version):
     * what the frontend passes on, and what a cursor is bound to.
     */
    public Map<String, String> queryParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, "q", q);
        put(parameters, "category", categories.isEmpty() ? null : String.join(",", categories));
        put(parameters, "author", author);
        put(parameters, "published_from", publishedFrom == null ? null : publishedFrom.toString());
        put(parameters, "published_to", publishedTo == null ? null : publishedTo.toString());
        put(parameters, "arxiv_id", arxivId);
        return parameters;
    }

    /** The words of {@code author}, for "contains every word". */
    public List<String> authorWords() {
        return author == null ? List.of() : List.of(author.strip().split("[\\s,]+"));
    }

    private static void put(Map<String, String> parameters, String name, String value) {
        if (value != null) {
            parameters.put(name, value);
        }
    }

    private static String text(String field, String value, InputErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            errors.add(field, "must be at most " + MAX_TEXT_LENGTH + " characters");
        } else if (value.indexOf('\0') >= 0) {
            errors.add(field, "must not contain the NUL character");
        }
        return value.strip();
    }
}
