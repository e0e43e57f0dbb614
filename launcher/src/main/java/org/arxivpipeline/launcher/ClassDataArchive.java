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
 * Application class-data sharing (AppCDS) for one service jar, which cuts a service's start by about a
 * quarter (bench/RESULTS.md): the JVM maps the classes it loaded last time from an archive instead of
 * loading, parsing and verifying them again.
 * <p>
 * The archive sits next to the jar ({@code quarkus-app/app-cds-<java version>.jsa}). Without a fresh
 * one, the first instance of the service records it ({@code -XX:ArchiveClassesAtExit}, written when the
 * service stops normally) into a {@code .part} file, renamed once complete, so a service killed mid-write
 * never leaves a broken archive; other instances start without. An archive older than its jar is
 * recorded again (the JVM itself also refuses an archive whose class path changed, and then starts
 * without it).
 */
final class ClassDataArchive {

    /** A {@code .part} older than this was left by a launcher that died: taken over. */
    private static final Duration ABANDONED = Duration.ofMinutes(10);

    private final Path jar;
    private final Path archive;
    private final Path part;
    /** What the JVM of the current start does with the archive. */
    private enum Mode { NONE, USING, RECORDING }

    private Mode mode = Mode.NONE;

    ClassDataArchive(Path jar) {
        this.jar = jar;
        String javaVersion = System.getProperty("java.version").replaceAll("[^0-9A-Za-z._-]", "_");
        this.archive = jar.resolveSibling("app-cds-" + javaVersion + ".jsa");
        this.part = jar.resolveSibling(archive.getFileName() + ".part");
    }

    /** The JVM options of the next start: use the archive, record it, or nothing (another instance records). */
    List<String> jvmOptions() {
        mode = Mode.NONE;
        try {
            if (fresh()) {
                mode = Mode.USING;
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
            }
            if (claimRecording()) {
                mode = Mode.RECORDING;
                return List.of("-XX:ArchiveClassesAtExit=" + part, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
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
        }
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

    /**
     * True when a JVM starts with this archive: a truncated archive crashes the JVM (SIGBUS) rather
     * than being ignored, so a recording is checked before it becomes the archive.
     */
    static boolean loads(Path candidate) {
        return ServiceProcess.javaAccepts(List.of("-XX:SharedArchiveFile=" + candidate, "-Xlog:disable", "-XX:ErrorFile=/dev/null",
                "-XX:-CreateCoredumpOnCrash"), Duration.ofSeconds(20));
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
