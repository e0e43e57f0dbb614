package org.arxivpipeline.common.validation;

/**
 * The parameters of a search ({@code GET /arxiv}, {@code GET /arxiv-api}) as the contract bounds them:
 * at least one of author, title, journal non-blank, each at most 300 characters; {@code max_results}
 * 1..2000. Blank fields are null.
 */
public record SearchRequest(String author, String title, String journal, int maxResults) {

    public static final int MAX_FIELD_LENGTH = 300;
    public static final int MAX_RESULTS = 2000;

    /** The validated request, or null when invalid (every error recorded in {@code errors}). */
    public static SearchRequest read(String author, String title, String journal, String maxResults, int defaultMaxResults,
            InputErrors errors) {
        String[][] fields = {{"author", author}, {"title", title}, {"journal", journal}};
        boolean any = false;
        for (String[] field : fields) {
            if (field[1] != null && !field[1].isBlank()) {
                any = true;
                if (field[1].length() > MAX_FIELD_LENGTH) {
                    errors.add(field[0], "must be at most " + MAX_FIELD_LENGTH + " characters");
                }
            }
        }
        if (!any) {
            for (String[] field : fields) {
                errors.add(field[0], "at least one of title, author, journal is required");
            }
        }
        Integer max = errors.smallInteger("max_results", maxResults, 1, MAX_RESULTS, defaultMaxResults);
        if (!errors.isEmpty()) {
            return null;
        }
        return new SearchRequest(blankToNull(author), blankToNull(title), blankToNull(journal), max);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
