package org.arxivpipeline.common.validation;

/**
 * The parameters of a results page ({@code GET /results}, {@code GET /read-results}) as the contract
 * bounds them. Absent ones are null: the service that answers applies its defaults.
 */
public record PageRequest(Long queryId, Long page, Integer itemsPerPage, String cursor) {

    /** Deepest page number reachable without a cursor (an OFFSET); deeper pages are reached by cursor. */
    public static final long MAX_PAGE = 10_000_000;
    public static final int MAX_ITEMS_PER_PAGE = 100;
    /** Longer than any cursor this suite issues. */
    public static final int MAX_CURSOR_LENGTH = 200;
    public static final String NOT_A_CURSOR = "is not a cursor this service issued";

    /** Reads the parameters, recording every invalid one in {@code errors}. */
    public static PageRequest read(String queryId, String page, String itemsPerPage, String cursor, InputErrors errors) {
        Long query = errors.optionalInteger("query_id", queryId, 1, Long.MAX_VALUE);
        Long pageNumber = errors.optionalInteger("page", page, 0, MAX_PAGE);
        Long size = errors.optionalInteger("items_per_page", itemsPerPage, 1, MAX_ITEMS_PER_PAGE);
        String position = cursor == null || cursor.isEmpty() ? null : cursor;
        if (position != null && position.length() > MAX_CURSOR_LENGTH) {
            errors.add("cursor", NOT_A_CURSOR);
            position = null;
        }
        return new PageRequest(query, pageNumber, size == null ? null : size.intValue(), position);
    }
}
