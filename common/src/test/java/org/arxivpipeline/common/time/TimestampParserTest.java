package org.arxivpipeline.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampParserTest {

    private final TimestampParser utc = new TimestampParser(ZoneId.of("UTC"));
    private final TimestampParser paris = new TimestampParser(ZoneId.of("Europe/Paris"));

    @ParameterizedTest
    @CsvSource({
            "1715014689, 1715014689",
            "0, 0",
            "2024-05-06T16:58:09Z, 1715014689",
            "2024-05-06T18:58:09+02:00, 1715014689",
            "2024-05-06T11:58:09-05:00, 1715014689",
            "2024-05-06T16:58:09, 1715014689",
            "2024-05-06T16:58:09.999Z, 1715014689",
            "2024-05-06T16:58Z, 1715014680",
            "2024-05-06, 1714953600",
            "' 2024-05-06 ', 1714953600",
    })
    void acceptedFormsInUtc(String text, long expected) {
        assertEquals(Optional.of(expected), utc.parse(text));
    }

    @ParameterizedTest
    @CsvSource({
            "2024-05-06T18:58:09, 1715014689",
            "2024-05-06, 1714946400",
            "2024-05-06T16:58:09Z, 1715014689",
    })
    void localFormsAreReadInTheConfiguredZone(String text, long expected) {
        assertEquals(Optional.of(expected), paris.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "-1", "1.5", "2024-13-01", "2024-02-30", "2024-05-06 16:58:09",
            "06/05/2024", "2024-05-06T25:00:00", "1715014689000000", "10000-01-01", "2024-05-06T16:58:09+25:00", "0x10"})
    void otherFormsAreRefused(String text) {
        assertEquals(Optional.empty(), utc.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"1715014689, 2024-05-06T16:58:09Z", "0, 1970-01-01T00:00:00Z", "253402300799, 9999-12-31T23:59:59Z"})
    void unixSecondsFormatAsIsoUtc(long seconds, String iso) {
        assertEquals(iso, UnixTime.toIso(seconds));
    }
}
