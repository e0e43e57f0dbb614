package org.arxivpipeline.common.time;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the time forms the contract accepts: Unix seconds ({@code 1715014689}), an ISO date-time with
 * an offset or {@code Z} ({@code 2024-05-06T18:58:09+02:00}), a local ISO date-time in the configured
 * zone ({@code 2024-05-06T18:58:09}) and a bare date, meaning the start of that day in that zone.
 */
public final class TimestampParser {

    private static final Pattern UNIX_SECONDS = Pattern.compile("\\d{1,12}");
    private static final Pattern LOOKS_ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T].*)?");

    private final ZoneId zone;

    public TimestampParser(ZoneId zone) {
        this.zone = zone;
    }

    /** Unix seconds for {@code text}, or empty when it is in none of the accepted forms or out of range. */
    public Optional<Long> parse(String text) {
        return parse(text, false);
    }

    /**
     * As {@link #parse}, but a bare date is the last second of that day: the form for the end of a range
     * that includes the day it names ({@code submitted_to=2024-12-31}).
     */
    public Optional<Long> parseAsEnd(String text) {
        return parse(text, true);
    }

    private Optional<Long> parse(String text, boolean endOfDay) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        try {
            long seconds;
            if (UNIX_SECONDS.matcher(value).matches()) {
                seconds = Long.parseLong(value);
            } else if (!LOOKS_ISO.matcher(value).matches()) {
                return Optional.empty();
            } else if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
                seconds = endOfDay ? day.plusDays(1).atStartOfDay(zone).toEpochSecond() - 1 : day.atStartOfDay(zone).toEpochSecond();
            } else if (hasOffset(value)) {
                seconds = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond();
            } else {
                seconds = LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toEpochSecond();
            }
            return seconds >= 0 && seconds <= UnixTime.MAX ? Optional.of(seconds) : Optional.empty();
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The forms, for error messages. */
    public static String acceptedForms() {
        return "must be Unix seconds, 2024-05-06, 2024-05-06T18:58:09, 2024-05-06T16:58:09Z or 2024-05-06T18:58:09+02:00";
    }

    private static boolean hasOffset(String value) {
        String time = value.substring(10);
        return time.endsWith("Z") || time.endsWith("z") || time.indexOf('+') >= 0 || time.lastIndexOf('-') >= 0;
    }
}
