package org.arxivpipeline.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** NOTICE is a real level, and the default one: key events are logged, INFO detail is not. */
@QuarkusTest
class NoticeLevelTest {

    @Test
    void theDefaultLevelIsNoticeBetweenInfoAndWarn() {
        Logger root = Logger.getLogger("");
        assertEquals("NOTICE", root.getLevel().getName());
        assertEquals(850, NoticeLevel.NOTICE.intValue());
        Logger service = Logger.getLogger("org.arxivpipeline.common");
        assertTrue(service.isLoggable(NoticeLevel.NOTICE));
        assertTrue(service.isLoggable(Level.WARNING));
        assertFalse(service.isLoggable(Level.INFO));
        assertEquals(NoticeLevel.NOTICE, Level.parse("NOTICE"));
    }
}
