package org.arxivpipeline.common.logging;

import org.jboss.logmanager.LogContext;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * Registers {@link NoticeLevel} in the system log context. Quarkus converts level names through the
 * log context, which only knows registered levels; a config builder customizer (found through
 * ServiceLoader) runs before that conversion, at build time and at run time alike.
 */
public class NoticeLevelRegistrar implements SmallRyeConfigBuilderCustomizer {

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        register();
    }

    public static void register() {
        LogContext.getSystemLogContext().registerLevel(NoticeLevel.NOTICE, true);
    }
}
