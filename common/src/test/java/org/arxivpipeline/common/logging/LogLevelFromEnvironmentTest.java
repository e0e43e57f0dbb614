package org.arxivpipeline.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** LOG_LEVEL sets the level: WARN hides NOTICE. */
@QuarkusTest
@TestProfile(LogLevelFromEnvironmentTest.Warn.class)
class LogLevelFromEnvironmentTest {

    public static class Warn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("LOG_LEVEL", "warn");
        }
    }

    @Test
    void warnHidesNoticeAndShowsWarnings() {
        Logger service = Logger.getLogger("org.arxivpipeline.common");
        assertEquals("WARN", Logger.getLogger("").getLevel().getName());
        assertFalse(service.isLoggable(NoticeLevel.NOTICE));
        assertTrue(service.isLoggable(Level.WARNING));
    }
}
