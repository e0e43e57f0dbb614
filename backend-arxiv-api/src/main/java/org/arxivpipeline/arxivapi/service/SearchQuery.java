package org.arxivpipeline.arxivapi.service;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.arxivpipeline.common.validation.InputErrors;

/**
 * Builds arXiv's {@code search_query} from the user's author, title and journal, so that user input
 * can never change the structure of the query.
 * <p>
 * Each field is searched in its arXiv field ({@code ti}, {@code au}, {@code jr}, in that order, joined
 * with {@code AND}). A value is cut into words, and every word must match within its field
 * ({@code ti:quantum AND ti:dots}); a value in double quotes is an exact phrase ({@code au:"del maestro"}).
 * <p>
 * The rules that neutralise the query language: text is NFC-normalised and control and format
 * characters become spaces; a word keeps only letters, digits, combining marks and {@code . ' _} plus
 * {@code -} inside the word — every other character ({@code " ( ) : & # % + * ? ! ~ ^ [ ] { } \ / ,}
 * and the like) separates words instead; the operators {@code AND OR ANDNOT NOT} are dropped as words
 * (in a phrase they are kept in lower case, where they are plain words). A field whose value has no
 * word left is an input error rather than a silently broader search.
 */
public final class SearchQuery {

    /** The fields in the order they appear in the query: field name, arXiv prefix. */
    static final List<String[]> FIELDS = List.of(
            new String[] {"title", "ti"},
            new String[] {"author", "au"},
            new String[] {"journal", "jr"});

    private static final Set<String> OPERATORS = Set.of("and", "or", "andnot", "not");

    private SearchQuery() {
    }

    /**
     * The search_query for values already checked by {@code SearchRequest} (title, author, journal;
     * null or blank = not searched), or null when a given field has no word left (recorded in {@code errors}).
     */
    public static String build(String title, String author, String journal, InputErrors errors) {
        String[] values = {title, author, journal};
        List<String> clauses = new ArrayList<>();
        for (int i = 0; i < FIELDS.size(); i++) {
            String field = FIELDS.get(i)[0];
            String value = values[i];
            if (value == null || value.isBlank()) {
                continue;
            }
            String clause = clause(FIELDS.get(i)[1], value);
            if (clause == null) {
                errors.add(field, "has no word to search for");
            } else {
                clauses.add(clause);
            }
        }
        return errors.isEmpty() ? String.join(" AND ", clauses) : null;
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
