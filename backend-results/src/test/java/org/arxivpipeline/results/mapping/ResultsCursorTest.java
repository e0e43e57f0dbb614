package org.arxivpipeline.results.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.arxivpipeline.results.mapping.ResultsCursor;
import org.junit.jupiter.api.Test;

class ResultsCursorTest {

    private static final byte[] KEY = "k1".getBytes(StandardCharsets.UTF_8);

    @Test
    void aCursorReadsBackAsWritten() {
        ResultsCursor cursor = new ResultsCursor(42L, 42, 19, 2);
        assertEquals(cursor, ResultsCursor.decode(cursor.encode(KEY), KEY));
        ResultsCursor all = new ResultsCursor(null, 9_000_000_000L, 1999, 123_456);
        assertEquals(all, ResultsCursor.decode(all.encode(KEY), KEY));
        ResultsCursor filtered = new ResultsCursor(null, 7, 3, 4, ResultsCursor.fingerprint(java.util.Map.of("q", "spin liquid")), null);
        assertEquals(filtered, ResultsCursor.decode(filtered.encode(KEY), KEY));
        assertEquals("Mnx8N3wzfDR8", filtered.encode(KEY).substring(0, 12), "filters without a total: version 2, as before totals were carried");
        ResultsCursor counted = new ResultsCursor(null, 7, 3, 4, filtered.filters(), 199_918L);
        assertEquals(counted, ResultsCursor.decode(counted.encode(KEY), KEY));
        assertEquals(199_918L, ResultsCursor.decode(counted.encode(KEY), KEY).total());
        assertEquals(12, filtered.filters().length());
        assertEquals("", ResultsCursor.fingerprint(java.util.Map.of()));
        assertEquals("MXw0Mnw0Mnwx", cursor.encode(KEY).substring(0, 12), "a cursor without filters is written as before they existed");
    }

    @Test
    void aCursorSignedWithAnotherKeyOrChangedIsRefused() {
        String cursor = new ResultsCursor(42L, 42, 19, 2).encode(KEY);
        assertThrows(ResultsCursor.InvalidCursorException.class, () -> ResultsCursor.decode(cursor, "k2".getBytes()));
        char last = cursor.charAt(cursor.length() - 1);
        String flipped = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThrows(ResultsCursor.InvalidCursorException.class, () -> ResultsCursor.decode(flipped, KEY));
        for (String garbage : new String[] {"", ".", "abc", "a.b", "%%%.%%%", "x".repeat(500) + ".y"}) {
            assertThrows(ResultsCursor.InvalidCursorException.class, () -> ResultsCursor.decode(garbage, KEY), garbage);
        }
    }
}
