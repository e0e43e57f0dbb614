package org.arxivpipeline.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JvmOptionsTest {

    @Test
    void theSmallMachineFlagsUnlessJavaOptsSaysOtherwise() {
        assertEquals(List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"),
                ServiceProcess.jvmOptions(Map.of()));
        assertEquals(ServiceProcess.DEFAULT_JVM_OPTIONS, ServiceProcess.jvmOptions(Map.of("JAVA_OPTS", "  ")));
        assertEquals(List.of("-Xmx512m", "-XX:+UseG1GC"), ServiceProcess.jvmOptions(Map.of("JAVA_OPTS", " -Xmx512m   -XX:+UseG1GC ")));
    }

    @Test
    void classDataSharingUnlessJavaOptsChoosesOtherwise() {
        assertTrue(ServiceProcess.sharesClassData(ServiceProcess.DEFAULT_JVM_OPTIONS));
        assertFalse(ServiceProcess.sharesClassData(List.of("-Xmx512m", "-Xshare:off")));
        assertFalse(ServiceProcess.sharesClassData(List.of("-XX:SharedArchiveFile=/opt/app.jsa")));
    }
}
