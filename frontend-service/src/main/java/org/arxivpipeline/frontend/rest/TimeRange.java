package org.arxivpipeline.frontend.rest;

import org.arxivpipeline.common.time.TimestampParser;
import org.arxivpipeline.common.time.UnixTime;
import org.arxivpipeline.common.validation.InputErrors;

/** A history range from the client's time forms; every invalid field is recorded. */
record TimeRange(long start, long end) {

    static TimeRange read(String start, String end, TimestampParser parser) {
        return read(start, end, parser, new InputErrors());
    }

    /** The range, or a 400 listing its invalid fields with those already in {@code errors}. */
    static TimeRange read(String start, String end, TimestampParser parser, InputErrors errors) {
        Long from = null;
        Long to = UnixTime.now();
        if (start == null || start.isBlank()) {
            errors.add("start_timestamp", "is required");
        } else {
            from = parser.parse(start).orElse(null);
            if (from == null) {
                errors.add("start_timestamp", TimestampParser.acceptedForms());
            }
        }
        if (end != null && !end.isBlank()) {
            to = parser.parse(end).orElse(null);
            if (to == null) {
                errors.add("end_timestamp", TimestampParser.acceptedForms());
            }
        }
        if (from != null && to != null && from > to) {
            errors.add("end_timestamp", "must not be before start_timestamp");
        }
        errors.throwIfAny();
        return new TimeRange(from, to);
    }
}
