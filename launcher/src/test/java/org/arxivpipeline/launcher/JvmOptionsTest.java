package org.arxivpipeline.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JvmOptionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void theSmallMachineFlagsUnlessJavaOptsSaysOtherwise() {
        assertEquals(ServiceProcess.DEFAULT_JVM_OPTIONS, ServiceProcess.jvmOptions(Map.of()));
        assertEquals(ServiceProcess.DEFAULT_JVM_OPTIONS, ServiceProcess.jvmOptions(Map.of("JAVA_OPTS", "  ")));
        assertEquals(List.of("-Xmx512m", "-XX:+UseG1GC"), ServiceProcess.jvmOptions(Map.of("JAVA_OPTS", " -Xmx512m   -XX:+UseG1GC ")));
    }

    @Test
    void theNativeHeapIsTrimmedOnlyWhereTheJdkHasTheFlag() {
        List<String> common = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
        assertEquals(common, ServiceProcess.defaultJvmOptions(false));
        List<String> trimmed = new ArrayList<>(common);
        trimmed.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=2000"));
        assertEquals(trimmed, ServiceProcess.defaultJvmOptions(true));
    }

    @Test
    void theProbeTellsAFlagThisJdkLacksFromOneItHas() {
        assertTrue(ServiceProcess.javaAccepts(List.of("-XX:+UseSerialGC"), TIMEOUT));
        assertFalse(ServiceProcess.javaAccepts(List.of("-XX:NoSuchFlagInAnyJdk=1"), TIMEOUT));
        // this machine's JDK 17.0.15 has it; the defaults follow the probe
        assertEquals(ServiceProcess.javaAccepts(ServiceProcess.TRIM_NATIVE_HEAP, TIMEOUT),
                ServiceProcess.DEFAULT_JVM_OPTIONS.contains("-XX:TrimNativeHeapInterval=2000"));
    }

    @Test
    void classDataSharingUnlessJavaOptsChoosesOtherwise() {
        assertTrue(ServiceProcess.sharesClassData(ServiceProcess.DEFAULT_JVM_OPTIONS));
        assertFalse(ServiceProcess.sharesClassData(List.of("-Xmx512m", "-Xshare:off")));
        assertFalse(ServiceProcess.sharesClassData(List.of("-XX:SharedArchiveFile=/opt/app.jsa")));
    }
}
