package org.arxivpipeline.arxivapi.service;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.SearchParameters;
import org.arxivpipeline.common.validation.SearchRequest;

/**
 * Builds arXiv's {@code search_query} from a search request, so that user input can never change the
 * structure of the query: category ids come from arXiv's taxonomy and dates are numbers, so only the text
 * fields need the rules below.
 * <p>
 * Each text field is searched in its arXiv field ({@code ti}, {@code au}, {@code jr}, {@code abs},
 * {@code all}, in that order, joined with {@code AND}). A value is cut into words, and every word must
 * match within its field ({@code ti:quantum AND ti:dots}); a value in double quotes is an exact phrase ({@code au:"del maestro"}).
 * <p>
 * The rules that neutralise the query language: text is NFC-normalised and control and format
 * characters become spaces; a word keeps only letters, digits, combining marks and {@code . ' _} plus
 * {@code -} inside the word — every other character ({@code " ( ) : & # % + * ? ! ~ ^ [ ] { } \ / ,}
 * and the like) separates words instead; the operators {@code AND OR ANDNOT NOT} are dropped as words
 * (in a phrase they are kept in lower case, where they are plain words). A field whose value has no
 * word left is an input error rather than a silently broader search.
 */
public final class SearchQuery {

    /** The text fields in the order they appear in the query: field name, arXiv prefix. */
    static final List<String[]> FIELDS = List.of(
            new String[] {"title", "ti"},
            new String[] {"author", "au"},
            new String[] {"journal", "jr"},
            new String[] {"abstract", "abs"},
            new String[] {"all", "all"});

    private static final Set<String> OPERATORS = Set.of("and", "or", "andnot", "not");

    /** arXiv's date ranges: minutes, GMT. */
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    /** The open ends of a date range: before arXiv's first paper (1991), and a year no paper will reach. */
    static final String EARLIEST = "199101010000";
    static final String LATEST = "999912312359";

    private SearchQuery() {
    }

    /**
     * The search_query of a checked request: the text fields' clauses (in the order of {@link #FIELDS}),
     * the categories ({@code cat:cs.LG}, several ORed in parentheses), the submission dates
     * ({@code submittedDate:[YYYYMMDDHHMM TO YYYYMMDDHHMM]}), joined with AND; empty for ids alone. Null
     * when a given text field has no word left (recorded in {@code errors}).
     */
    public static String build(SearchRequest request, InputErrors errors) {
        List<String> clauses = textClauses(new String[] {request.title(), request.author(), request.journal(), request.abstractText(),
                request.all()}, errors);
        List<String> categories = request.categories().stream().map(id -> "cat:" + id).toList();
        if (categories.size() == 1) {
            clauses.add(categories.get(0));
        } else if (categories.size() > 1) {
            clauses.add("(" + String.join(" OR ", categories) + ")");
        }
        if (request.submittedFrom() != null || request.submittedTo() != null) {
            clauses.add("submittedDate:[" + minute(request.submittedFrom(), EARLIEST) + " TO " + minute(request.submittedTo(), LATEST) + "]");
        }
        return errors.isEmpty() ? String.join(" AND ", clauses) : null;
    }

    /**
     * Records each text field of a request that failed other checks and has no word left either, so that
     * it is listed with the other errors at once.
     */
    public static void checkWords(SearchParameters parameters, InputErrors errors) {
        textClauses(new String[] {parameters.title, parameters.author, parameters.journal, parameters.abstractText, parameters.all},
                errors);
    }

    /** The clauses of the text fields given, in the order of {@link #FIELDS}; a field without a word is an error. */
    private static List<String> textClauses(String[] values, InputErrors errors) {
        List<String> clauses = new ArrayList<>();
        for (int i = 0; i < FIELDS.size(); i++) {
            String value = values[i];
            if (value == null || value.isBlank()) {
                continue;
            }
            String clause = clause(FIELDS.get(i)[1], value);
            if (clause == null) {
                errors.add(FIELDS.get(i)[0], "has no word to search for");
            } else {
                clauses.add(clause);
            }
        }
        return clauses;
    }

    private static String minute(Long unixSeconds, String openEnd) {
        return unixSeconds == null ? openEnd : MINUTE.format(Instant.ofEpochSecond(unixSeconds));
    }

    /** The clause of one field, or null when no word is left. */
    static String clause(String prefix, String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        boolean phrase = text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"");
        if (phrase) {
            text = text.substring(1, text.length() - 1);
        }
        List<String> words = words(text, phrase);
        if (words.isEmpty()) {
            return null;
        }
        if (phrase) {
            return prefix + ":\"" + String.join(" ", words) + "\"";
        }
        List<String> terms = new ArrayList<>(words.size());
        for (String word : words) {
            terms.add(prefix + ":" + word);
        }
        return String.join(" AND ", terms);
    }

    private static List<String> words(String text, boolean phrase) {
        StringBuilder cleaned = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> cleaned.appendCodePoint(kept(cp) ? cp : ' '));
        List<String> words = new ArrayList<>();
        for (String token : cleaned.toString().trim().split(" +")) {
            String word = trimEnds(token);
            if (word.codePoints().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            if (OPERATORS.contains(word.toLowerCase(Locale.ROOT))) {
                if (!phrase) {
                    continue;
                }
                word = word.toLowerCase(Locale.ROOT);
            }
            words.add(word);
        }
        return words;
    }

    private static boolean kept(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK) {
            return true;
        }
        return cp == '.' || cp == '\'' || cp == '_' || cp == '-';
    }

    /**
     * A leading or trailing hyphen would read as an operator, and quotes around a word would hide one
     * ({@code 'OR'}); inside a word ({@code Hartree-Fock}, {@code O'Brien}) they stay.
     */
    private static String trimEnds(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && (token.charAt(start) == '-' || token.charAt(start) == '\'')) {
            start++;
        }
        while (end > start && (token.charAt(end - 1) == '-' || token.charAt(end - 1) == '\'')) {
            end--;
        }
        return token.substring(start, end);
    }
}
