package org.arxivpipeline.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a service start records its class-data archive (AppCDS before JDK 25, the AOT cache from 25 on), uses it, or does neither. */
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
        ClassDataArchive first = new ClassDataArchive(jar(), 17);
        ClassDataArchive second = new ClassDataArchive(jar(), 17);
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
        ClassDataArchive archive = new ClassDataArchive(jar(), 17);
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
        ClassDataArchive archive = new ClassDataArchive(jar(), 17);
        Files.writeString(archive.archive(), "an archive of the old jar");
        Files.setLastModifiedTime(archive.archive(), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        assertTrue(archive.jvmOptions().get(0).startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aRecordingAbandonedByADeadLauncherIsTakenOver() throws Exception {
        ClassDataArchive archive = new ClassDataArchive(jar(), 17);
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
        assertTrue(new ClassDataArchive(jar(), 17).loads(recorded));

        byte[] whole = Files.readAllBytes(recorded);
        Path truncated = app.resolve("truncated.jsa");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        assertFalse(new ClassDataArchive(jar(), 17).loads(truncated), "a JVM crashes (SIGBUS) on a truncated archive");

        ClassDataArchive archive = new ClassDataArchive(jar(), 17);
        archive.jvmOptions();
        Files.copy(truncated, app.resolve(archive.archive().getFileName() + ".part"), StandardCopyOption.REPLACE_EXISTING);
        archive.exited(true);
        assertFalse(Files.exists(archive.archive()), "the truncated recording did not become the archive");
    }

    @Test
    void fromJdk25TheArchiveIsAnAotCacheRecordedDuringARealRun() throws Exception {
        ClassDataArchive first = new ClassDataArchive(jar(), 25);
        Path part = app.resolve(first.archive().getFileName() + ".part");
        assertTrue(first.archive().getFileName().toString().matches("app-aot-.+\\.aot"), first.archive().toString());
        assertEquals(List.of("-XX:AOTCacheOutput=" + part, "-Xlog:aot*=off", "-Xlog:cds*=off"), first.jvmOptions());
        Files.writeString(first.archive(), "a cache");
        assertEquals(List.of("-XX:AOTCache=" + first.archive(), "-Xlog:aot*=off", "-Xlog:cds*=off"), new ClassDataArchive(jar(), 25).jvmOptions());
        assertFalse(Files.exists(app.resolve(new ClassDataArchive(jar(), 17).archive().getFileName())), "AppCDS and AOT archives apart");
    }

    /**
     * With a JDK 25 (when one is installed): the options above record a real AOT cache of a program, a start
     * with it runs the program, and a start with a cache made for another class path still runs it (the JVM
     * refuses the cache and starts without).
     */
    @Test
    void aRealAotCacheIsUsedAndOneOfAnotherClassPathIsRefusedWithoutHarm() throws Exception {
        Optional<Path> jdk25 = Jdks.newestFrom(ClassDataArchive.AOT_CACHE_FROM);
        Assumptions.assumeTrue(jdk25.isPresent(), "no JDK 25 or later installed");
        String java = jdk25.get().resolve("bin/java").toString();
        // the JVM archives classes from jars only
        String classes = probeJar().toString();
        ClassDataArchive archive = new ClassDataArchive(jar(), 25);
        List<String> record = new ArrayList<>(List.of(java));
        record.addAll(archive.jvmOptions());
        record.addAll(List.of("-cp", classes, AotProbe.class.getName()));
        assertEquals("probe ran", run(record));
        Path part = app.resolve(archive.archive().getFileName() + ".part");
        assertTrue(Files.size(part) > 1_000_000, "the cache was written as the program exited");
        Files.move(part, archive.archive());

        List<String> use = new ArrayList<>(List.of(java));
        use.addAll(new ClassDataArchive(jar(), 25).jvmOptions());
        use.addAll(List.of("-cp", classes, AotProbe.class.getName()));
        assertEquals("probe ran", run(use));
        List<String> other = new ArrayList<>(List.of(java));
        other.addAll(new ClassDataArchive(jar(), 25).jvmOptions());
        Path another = Files.copy(probeJar(), app.resolve("another.jar"));
        other.addAll(List.of("-cp", another + File.pathSeparator + classes, AotProbe.class.getName()));
        assertEquals("probe ran", run(other), "a cache of another class path is refused, and the program still runs");
    }

    private Path probeJar() throws Exception {
        Path jar = app.resolve("probe.jar");
        if (!Files.exists(jar)) {
            String entry = AotProbe.class.getName().replace('.', '/') + ".class";
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                    var in = AotProbe.class.getClassLoader().getResourceAsStream(entry)) {
                out.putNextEntry(new java.util.jar.JarEntry(entry));
                in.transferTo(out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output.lines().filter(line -> line.equals("probe ran")).findFirst().orElse(output);
    }
}
