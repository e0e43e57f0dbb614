package org.arxivpipeline.common.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps inside the suite are Unix seconds; clients also get them as ISO-8601 UTC ({@code 2024-05-06T16:58:09Z}). */
public final class UnixTime {

    /** 9999-12-31T23:59:59Z: the last second ISO-8601 writes with four year digits. */
    public static final long MAX = 253_402_300_799L;

    private UnixTime() {
    }

    public static long now() {
        return Instant.now().getEpochSecond();
    }

    /**
     * The same text as {@code DateTimeFormatter.ISO_INSTANT}, written digit by digit for 0..{@link #MAX}: a
     * history writes one per record, and the formatter was a visible share of a large history's cost
     * (bench/RESULTS.md).
     */
    public static String toIso(long unixSeconds) {
        if (unixSeconds < 0 || unixSeconds > MAX) {
            return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(unixSeconds));
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(unixSeconds, 0, ZoneOffset.UTC);
        char[] text = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', 'Z'};
        digits(text, 0, 4, time.getYear());
        digits(text, 5, 2, time.getMonthValue());
        digits(text, 8, 2, time.getDayOfMonth());
        digits(text, 11, 2, time.getHour());
        digits(text, 14, 2, time.getMinute());
        digits(text, 17, 2, time.getSecond());
        return new String(text);
    }

    private static void digits(char[] text, int at, int count, int value) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    public static String toIso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
