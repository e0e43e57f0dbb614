package org.arxivpipeline.common.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.arxivpipeline.common.problem.FieldError;
import org.arxivpipeline.common.problem.ProblemException;

/**
 * Collects every invalid field of one request, so the client hears about all of them at once
 * ({@link #throwIfAny()}). Parameters arrive as text and are parsed here, so a non-number is a 400
 * naming the field, not JAX-RS' 404.
 */
public final class InputErrors {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    /** Throws the 400 problem listing every error collected, if any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /**
     * An integer parameter in {@code [min, max]}; absent or empty gives {@code defaultValue}
     * (null: the parameter is required). Returns null when invalid (the error is recorded).
     */
    public Long integer(String field, String raw, long min, long max, Long defaultValue) {
        if (raw == null || raw.isEmpty()) {
            if (defaultValue == null) {
                add(field, "is required");
            }
            return defaultValue;
        }
        String value = raw.strip();
        if (!INTEGER.matcher(value).matches()) {
            add(field, "must be an integer");
            return null;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException overflow) {
            add(field, range(min, max));
            return null;
        }
        if (parsed < min || parsed > max) {
            add(field, range(min, max));
            return null;
        }
        return parsed;
    }

    /** An optional integer parameter in {@code [min, max]}: null when absent or invalid (the error is recorded). */
    public Long optionalInteger(String field, String raw, long min, long max) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return integer(field, raw, min, max, null);
    }

    /** Same as {@link #integer} for values known to fit an int. */
    public Integer smallInteger(String field, String raw, int min, int max, Integer defaultValue) {
        Long value = integer(field, raw, min, max, defaultValue == null ? null : defaultValue.longValue());
        return value == null ? null : value.intValue();
    }

    static String range(long min, long max) {
        return "must be between " + min + " and " + max;
    }
}
