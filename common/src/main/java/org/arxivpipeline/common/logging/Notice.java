package org.arxivpipeline.common.logging;

import java.util.logging.Logger;

/** Writes the key events of the suite at NOTICE (JBoss Logging's API has no custom levels). */
public final class Notice {

    private Notice() {
    }

    public static void log(Class<?> where, String format, Object... args) {
        Logger logger = Logger.getLogger(where.getName());
        if (logger.isLoggable(NoticeLevel.NOTICE)) {
            logger.log(NoticeLevel.NOTICE, String.format(format, args));
        }
    }
}
