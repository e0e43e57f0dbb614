package org.arxivpipeline.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a service start records its class-data archive, uses it, or does neither. */
class ClassDataArchiveTest {

    @TempDir
    Path app;

    private Path jar() throws Exception {
        Path jar = app.resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            Files.writeString(jar, "a jar");
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        }
        return jar;
    }

    @Test
    void theFirstInstanceRecordsAndTheNextStartUsesTheArchive() throws Exception {
        ClassDataArchive first = new ClassDataArchive(jar());
        ClassDataArchive second = new ClassDataArchive(jar());
        Path part = app.resolve(first.archive().getFileName() + ".part");

        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + part, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), first.jvmOptions());
        assertEquals(List.of(), second.jvmOptions(), "one instance records; the others start without");

        Files.writeString(part, "the JVM's archive"); // what the JVM writes when the service stops
        first.exited(true);
        assertTrue(Files.isRegularFile(first.archive()));
        assertFalse(Files.exists(part));
        assertEquals(List.of("-XX:SharedArchiveFile=" + first.archive(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), first.jvmOptions());
        assertEquals(first.jvmOptions(), second.jvmOptions());
        assertTrue(first.archive().getFileName().toString().startsWith("app-cds-" + System.getProperty("java.version")));
    }

    @Test
    void aServiceKilledWhileRecordingLeavesNoArchive() throws Exception {
        ClassDataArchive archive = new ClassDataArchive(jar());
        assertTrue(archive.jvmOptions().get(0).startsWith("-XX:ArchiveClassesAtExit="));
        Path part = app.resolve(archive.archive().getFileName() + ".part");
        Files.writeString(part, "half an archive");
        archive.exited(false);
        assertFalse(Files.exists(part));
        assertFalse(Files.exists(archive.archive()));
        assertTrue(archive.jvmOptions().get(0).startsWith("-XX:ArchiveClassesAtExit="), "recorded at the next start");
    }

    @Test
    void aRebuiltJarIsRecordedAgain() throws Exception {
        ClassDataArchive archive = new ClassDataArchive(jar());
        Files.writeString(archive.archive(), "an archive of the old jar");
        Files.setLastModifiedTime(archive.archive(), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        assertTrue(archive.jvmOptions().get(0).startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aRecordingAbandonedByADeadLauncherIsTakenOver() throws Exception {
        ClassDataArchive archive = new ClassDataArchive(jar());
        Path part = app.resolve(archive.archive().getFileName() + ".part");
        Files.writeString(part, "");
        assertEquals(List.of(), archive.jvmOptions(), "a recent .part: another launcher is recording");
        Files.setLastModifiedTime(part, FileTime.from(Instant.now().minus(Duration.ofMinutes(11))));
        assertTrue(archive.jvmOptions().get(0).startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aTruncatedRecordingIsNotKept() throws Exception {
        // a real archive, recorded by a JVM that only prints its version
        Path recorded = app.resolve("version.jsa");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process record = new ProcessBuilder(java, "-XX:ArchiveClassesAtExit=" + recorded, "-Xlog:disable", "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, record.waitFor());
        assertTrue(ClassDataArchive.loads(recorded));

        byte[] whole = Files.readAllBytes(recorded);
        Path truncated = app.resolve("truncated.jsa");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        assertFalse(ClassDataArchive.loads(truncated), "a JVM crashes (SIGBUS) on a truncated archive");

        ClassDataArchive archive = new ClassDataArchive(jar());
        archive.jvmOptions();
        Files.copy(truncated, app.resolve(archive.archive().getFileName() + ".part"), StandardCopyOption.REPLACE_EXISTING);
        archive.exited(true);
        assertFalse(Files.exists(archive.archive()), "the truncated recording did not become the archive");
    }
}
