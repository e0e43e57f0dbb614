package org.arxivpipeline.common.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the fields of a JSON request body, recording every missing, mistyped or out-of-range field in
 * one {@link InputErrors} instead of stopping at the first one as data binding would.
 */
public final class JsonBody {

    private final JsonNode node;
    private final String prefix;
    private final InputErrors errors;

    private JsonBody(JsonNode node, String prefix, InputErrors errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** The body of a request, which must be a JSON object: anything else is answered 400 at once. */
    public static JsonBody root(JsonNode node, InputErrors errors) {
        JsonBody body = object(node, "", "body", errors);
        if (body == null) {
            errors.throwIfAny();
        }
        return body;
    }

    /** A nested object, named {@code name} in error messages; null (error recorded) when it is not an object. */
    public static JsonBody object(JsonNode node, String prefix, String name, InputErrors errors) {
        if (node == null || !node.isObject()) {
            errors.add(name, "must be a JSON object");
            return null;
        }
        return new JsonBody(node, prefix, errors);
    }

    public String field(String name) {
        return prefix + name;
    }

    public JsonNode get(String name) {
        return node.get(name);
    }

    /** A required integer in {@code [min, max]}; null when invalid (the error is recorded). */
    public Long integer(String name, long min, long max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            errors.add(field(name), "is required");
            return null;
        }
        if (!value.isIntegralNumber()) {
            errors.add(field(name), "must be an integer");
            return null;
        }
        if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            errors.add(field(name), InputErrors.range(min, max));
            return null;
        }
        return value.longValue();
    }

    /** A string of at most {@code maxLength} characters; when {@code required}, also non-blank. */
    public String text(String name, int maxLength, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(field(name), "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            errors.add(field(name), "must be a string");
            return null;
        }
        String text = value.textValue();
        if (required && text.isBlank()) {
            errors.add(field(name), "must not be blank");
            return null;
        }
        if (text.length() > maxLength) {
            errors.add(field(name), "must be at most " + maxLength + " characters");
            return null;
        }
        if (text.indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database
            errors.add(field(name), "must not contain the NUL character");
            return null;
        }
        return text;
    }
}
