package org.arxivpipeline.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.arxivpipeline.common.validation.InputErrors;
import org.junit.jupiter.api.Test;

/** {@code every} of a new watch: the ISO-8601 durations a researcher writes, within PT1H..P366D. */
class NewWatchTest {

    private static Duration every(String text) {
        InputErrors errors = new InputErrors();
        Duration every = NewWatch.every(text, errors);
        assertEquals(every == null, !errors.list().isEmpty(), "a refusal is recorded, an acceptance is not");
        return every;
    }

    private static String refusal(String text) {
        InputErrors errors = new InputErrors();
        assertNull(NewWatch.every(text, errors), text);
        assertEquals(1, errors.list().size());
        assertEquals("every", errors.list().get(0).field());
        return errors.list().get(0).message();
    }

    @Test
    void daysTimesAndWeeksAreRead() {
        assertEquals(Duration.ofDays(1), every(null));
        assertEquals(Duration.ofDays(1), every(" "));
        assertEquals(Duration.ofHours(1), every("PT1H"));
        assertEquals(Duration.ofHours(36), every("P1DT12H"));
        assertEquals(Duration.ofHours(6), every("pt6h"));
        assertEquals(Duration.ofDays(7), every("P1W"));
        assertEquals(Duration.ofDays(14), every("P2W"));
        assertEquals(Duration.ofDays(366), every("P366D"));
    }

    @Test
    void outOfRangeAndUnreadableAreRefusedWithTheRange() {
        for (String bad : new String[] {"PT59M", "P367D", "P53W", "P0W", "daily", "P1X", "PT-1H"}) {
            assertTrue(refusal(bad).contains("PT1H to P366D"), bad);
        }
    }

    @Test
    void yearsAndMonthsAreRefusedByNameNotMistakenForMinutes() {
        assertTrue(refusal("P1M").startsWith("years and months have no fixed length"));
        assertTrue(refusal("P1Y").startsWith("years and months have no fixed length"));
        assertTrue(refusal("P1Y2M3D").startsWith("years and months have no fixed length"));
        // PT90M is ninety minutes, within the range
        assertEquals(Duration.ofMinutes(90), every("PT90M"));
    }
}
