package org.arxivpipeline.launcher;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The class-data archive of one service jar, which cuts a service's start (bench/RESULTS.md): the JVM maps
 * the classes it loaded last time from an archive instead of loading, parsing and verifying them again.
 * On JDK 25 and later it is the ahead-of-time cache of Project Leyden ({@code -XX:AOTCacheOutput}, JEP 514:
 * the classes loaded and linked, and the method profiles of the run that recorded it); before, a dynamic
 * AppCDS archive ({@code -XX:ArchiveClassesAtExit}).
 * <p>
 * The archive sits next to the jar ({@code quarkus-app/app-aot-<java version>.aot} or
 * {@code app-cds-<java version>.jsa}). Without a fresh one, the first instance of the service records it
 * during a real run (written when the service stops normally) into a {@code .part} file, renamed once
 * complete, so a service killed mid-write never leaves a broken archive; other instances start without. An
 * archive older than its jar is recorded again; the JVM itself refuses an archive of another JVM or class
 * path, and then starts without it.
 */
final class ClassDataArchive {

    /** A {@code .part} older than this was left by a launcher that died: taken over. */
    private static final Duration ABANDONED = Duration.ofMinutes(10);

    /** The first feature release whose JVM writes an AOT cache in one run ({@code -XX:AOTCacheOutput}). */
    static final int AOT_CACHE_FROM = 25;

    private final Path jar;
    /** An AOT cache (JDK 25+) rather than an AppCDS archive. */
    private final boolean aot;
    private final Path archive;
    private final Path part;
    /** What the JVM of the current start does with the archive. */
    private enum Mode { NONE, USING, RECORDING }

    private Mode mode = Mode.NONE;

    ClassDataArchive(Path jar) {
        this(jar, Runtime.version().feature());
    }

    /** For the JVM of feature release {@code javaFeature} (the services run on the launcher's own). */
    ClassDataArchive(Path jar, int javaFeature) {
        this.jar = jar;
        this.aot = javaFeature >= AOT_CACHE_FROM;
        String javaVersion = System.getProperty("java.version").replaceAll("[^0-9A-Za-z._-]", "_");
        this.archive = jar.resolveSibling(aot ? "app-aot-" + javaVersion + ".aot" : "app-cds-" + javaVersion + ".jsa");
        this.part = jar.resolveSibling(archive.getFileName() + ".part");
    }

    /** The JVM options of the next start: use the archive, record it, or nothing (another instance records). */
    List<String> jvmOptions() {
        mode = Mode.NONE;
        try {
            if (fresh()) {
                mode = Mode.USING;
                return using(archive);
            }
            if (claimRecording()) {
                mode = Mode.RECORDING;
                // the AOT cache is assembled by a child JVM as the service exits (JEP 514)
                return aot ? List.of("-XX:AOTCacheOutput=" + part, "-Xlog:aot*=off", "-Xlog:cds*=off")
                        : List.of("-XX:ArchiveClassesAtExit=" + part, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
            }
        } catch (IOException unwritable) {
            // a read-only installation: start without the archive
        }
        return List.of();
    }

    /** After the process has exited: a complete recording becomes the archive; anything else is dropped. */
    void exited(boolean normally) {
        if (mode != Mode.RECORDING) {
            return;
        }
        mode = Mode.NONE;
        try {
            if (normally && Files.size(part) > 0 && loads(part)) {
                Files.move(part, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(part);
            }
        } catch (IOException lost) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // recorded again at a later start
            }
        } finally {
            try {
                // what a JDK 25 writes before it assembles the cache, left behind when the assembly fails
                Files.deleteIfExists(part.resolveSibling(part.getFileName() + ".config"));
            } catch (IOException ignored) {
                // overwritten at the next recording
            }
        }
    }

    /**
     * How long a stopping JVM may take: one that records an AOT cache assembles it on its way out, in a
     * child JVM (tens of seconds when every service does so at once on two cores); 20 s otherwise.
     */
    java.time.Duration stopAllowance() {
        return mode == Mode.RECORDING && aot ? java.time.Duration.ofSeconds(120) : java.time.Duration.ofSeconds(20);
    }

    /** True while the running JVM records its archive (it writes it on its way out). */
    boolean recording() {
        return mode == Mode.RECORDING;
    }

    /** The JVM starting with the archive used. */
    boolean inUse() {
        return mode == Mode.USING;
    }

    /** Forgets an archive the JVM could not start with (the next start records a new one). */
    void discard() {
        mode = Mode.NONE;
        try {
            Files.deleteIfExists(archive);
        } catch (IOException ignored) {
            // the next start tries it again
        }
    }

    /** The options that start a JVM with {@code file} as its archive. */
    private List<String> using(Path file) {
        return aot ? List.of("-XX:AOTCache=" + file, "-Xlog:aot*=off", "-Xlog:cds*=off")
                : List.of("-XX:SharedArchiveFile=" + file, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /**
     * True when a JVM starts with this archive: a truncated AppCDS archive crashes the JVM (SIGBUS) rather
     * than being ignored, so a recording is checked before it becomes the archive.
     */
    boolean loads(Path candidate) {
        List<String> probe = new java.util.ArrayList<>(using(candidate));
        probe.addAll(List.of("-Xlog:disable", "-XX:ErrorFile=/dev/null", "-XX:-CreateCoredumpOnCrash"));
        return ServiceProcess.javaAccepts(probe, Duration.ofSeconds(20));
    }

    Path archive() {
        return archive;
    }

    private boolean fresh() throws IOException {
        return Files.isRegularFile(archive) && Files.size(archive) > 0
                && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0;
    }

    private boolean claimRecording() throws IOException {
        try {
            Files.createFile(part);
            return true;
        } catch (FileAlreadyExistsException recordedByAnother) {
            FileTime since = Files.getLastModifiedTime(part);
            if (since.toInstant().isBefore(Instant.now().minus(ABANDONED))) {
                Files.setLastModifiedTime(part, FileTime.from(Instant.now()));
                return true;
            }
            return false;
        }
    }
}
