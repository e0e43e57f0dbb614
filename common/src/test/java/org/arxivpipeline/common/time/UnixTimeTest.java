package org.arxivpipeline.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class UnixTimeTest {

    private static String expected(long seconds) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds));
    }

    @Test
    void writesWhatIsoInstantWrites() {
        assertEquals("2024-05-06T16:58:09Z", UnixTime.toIso(1715014689));
        assertEquals("1970-01-01T00:00:00Z", UnixTime.toIso(0));
        assertEquals("9999-12-31T23:59:59Z", UnixTime.toIso(UnixTime.MAX));
        // leap days, the ends of months and years
        for (String day : new String[] {"2000-02-29T23:59:59Z", "2024-02-29T00:00:00Z", "2100-03-01T00:00:00Z", "1999-12-31T23:59:59Z"}) {
            assertEquals(day, UnixTime.toIso(Instant.parse(day).getEpochSecond()));
        }
        SplittableRandom random = new SplittableRandom(20261201);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(UnixTime.MAX + 1);
            assertEquals(expected(seconds), UnixTime.toIso(seconds), "at " + seconds);
        }
    }

    @Test
    void outsideTheRangeTheFormatterWrites() {
        assertEquals(expected(-1), UnixTime.toIso(-1));
        assertEquals(expected(UnixTime.MAX + 1), UnixTime.toIso(UnixTime.MAX + 1));
    }
}
