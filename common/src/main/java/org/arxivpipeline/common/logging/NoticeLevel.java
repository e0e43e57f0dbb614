package org.arxivpipeline.common.logging;

import java.util.logging.Level;

/**
 * NOTICE, the level of the suite's key events: between INFO (800) and WARN (900). Registered with the log
 * context by {@link NoticeLevelRegistrar} before Quarkus reads {@code quarkus.log.level}, so that
 * {@code LOG_LEVEL=NOTICE} is accepted.
 */
public final class NoticeLevel extends Level {

    public static final NoticeLevel NOTICE = new NoticeLevel();

    private NoticeLevel() {
        super("NOTICE", 850);
    }
}
