package org.arxivpipeline.common.time;

import java.time.Instant;
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

    public static String toIso(long unixSeconds) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(unixSeconds));
    }

    public static String toIso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
