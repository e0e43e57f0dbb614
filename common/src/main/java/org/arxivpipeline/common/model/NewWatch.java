package org.arxivpipeline.common.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.arxivpipeline.common.validation.InputErrors;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A watch to create, as the frontend hands it to backend-watches: its name, how often it runs, and the
 * search (the normalised query parameters of {@code GET /arxiv}, already checked by the frontend).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewWatch(String name, String every, Map<String, String> search) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final Duration MIN_EVERY = Duration.ofHours(1);
    /** A year: a longer period is a typing mistake more likely than a wish. */
    public static final Duration MAX_EVERY = Duration.ofDays(366);
    public static final String DEFAULT_EVERY = "P1D";

    /** The name, stripped; null when invalid (recorded in {@code errors}). */
    public static String name(Object raw, InputErrors errors) {
        if (!(raw instanceof String text) || text.isBlank()) {
            errors.add("name", raw == null || raw instanceof String ? "is required" : "must be a string");
            return null;
        }
        String name = text.strip();
        if (name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            errors.add("name", "must be at most " + MAX_NAME_LENGTH + " characters, without control characters");
            return null;
        }
        return name;
    }

    /** Weeks, as ISO-8601 writes them alone ({@code P2W}); java.time's Duration does not read them. */
    private static final Pattern WEEKS = Pattern.compile("P(\\d{1,2})W");
    /** Years or months (before any {@code T}): periods of no fixed length. */
    private static final Pattern YEARS_OR_MONTHS = Pattern.compile("P[^T]*[YM].*");

    /**
     * {@code every}: an ISO-8601 duration from PT1H to P366D (absent: P1D): days and times ({@code PT6H},
     * {@code P1DT12H}) or weeks ({@code P1W}); years and months are refused by name, having no fixed length.
     * Null when invalid (recorded).
     */
    public static Duration every(Object raw, InputErrors errors) {
        if (raw == null || raw instanceof String text && text.isBlank()) {
            return Duration.parse(DEFAULT_EVERY);
        }
        String text = raw instanceof String given ? given.strip().toUpperCase(Locale.ROOT) : "";
        if (YEARS_OR_MONTHS.matcher(text).matches()) {
            errors.add("every", "years and months have no fixed length: give weeks, days or hours, e.g. P4W, P30D or PT6H");
            return null;
        }
        Duration every;
        try {
            Matcher weeks = WEEKS.matcher(text);
            every = weeks.matches() ? Duration.ofDays(7L * Integer.parseInt(weeks.group(1))) : Duration.parse(text);
        } catch (DateTimeParseException notADuration) {
            every = null;
        }
        if (every == null || every.compareTo(MIN_EVERY) < 0 || every.compareTo(MAX_EVERY) > 0) {
            errors.add("every", "must be an ISO-8601 duration from PT1H to P366D, e.g. PT6H, P1D or P1W");
            return null;
        }
        return every;
    }
}
