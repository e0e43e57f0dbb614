package org.arxivpipeline.common.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.arxivpipeline.common.time.TimestampParser;

/** Parameters read the same wherever they are taken: comma-separated lists, categories, times. */
final class ParameterReading {

    private ParameterReading() {
    }

    /** Category ids of arXiv's taxonomy, at most {@code max}; an unknown one is an error proposing the closest. */
    static List<String> categories(String field, String value, int max, InputErrors errors) {
        List<String> items = items(field, value, max, "categories", errors);
        List<String> unknown = new ArrayList<>();
        for (String id : items) {
            if (!ArxivTaxonomy.contains(id)) {
                List<String> closest = ArxivTaxonomy.closest(id, 3);
                unknown.add("'" + shorten(id) + "'" + (closest.isEmpty() ? "" : " (did you mean " + String.join(", ", closest) + "?)"));
            }
        }
        if (!unknown.isEmpty()) {
            errors.add(field, "unknown arXiv categor" + (unknown.size() == 1 ? "y " : "ies ") + String.join(", ", unknown.subList(0,
                    Math.min(5, unknown.size()))) + "; ids are written as arXiv writes them, e.g. cs.LG, hep-th, math.CO");
        }
        return items;
    }

    /** The comma-separated items of a list parameter, stripped, duplicates dropped, in their order. */
    static List<String> items(String field, String value, int max, String what, InputErrors errors) {
        if (value == null || value.isBlank()) {
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

    /** A time in the forms of /queries, Unix seconds; {@code end}: a date alone is its last second. */
    static Long time(String field, String value, boolean end, TimestampParser times, InputErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        var parsed = end ? times.parseAsEnd(value) : times.parse(value);
        if (parsed.isEmpty()) {
            errors.add(field, TimestampParser.acceptedForms());
            return null;
        }
        return parsed.get();
    }

    /** A client's text echoed in a message, cut short. */
    static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
