package org.arxivpipeline.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service of the suite, run as in production: its fast-jar in a JVM of its own, logs to a file. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final String name;
    final int port;
    private final Path jar;
    private final Path log;
    private final Map<String, String> environment;
    private final ClassDataArchive classData;
    private Process process;
    /** Set by {@link #stop()}: a process stopped on purpose is not started again by the supervisor. */
    private volatile boolean stopped;
    private boolean aliveWhenAsked;
    private long startedAtNanos;

    ServiceProcess(String name, int port, Path jar, Path log, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.log = log;
        this.environment = environment;
        this.classData = new ClassDataArchive(jar);
    }

    public void start() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw package -DskipTests");
        }
        List<String> command = new ArrayList<>(List.of(JAVA));
        List<String> options = jvmOptions(environment);
        command.addAll(options);
        if (sharesClassData(options)) {
            command.addAll(classData.jvmOptions());
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        process = builder.start();
        stopped = false;
        startedAtNanos = System.nanoTime();
    }

    /** True when the process ended without being stopped by {@link #stop()}: it crashed or was killed. */
    boolean died() {
        return process != null && !stopped && !process.isAlive();
    }

    /** Its exit code once it ended. */
    int exitCode() {
        return process.exitValue();
    }

    /** How long the last start ran (until now, or until it died and this is asked). */
    Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedAtNanos);
    }

    /** After a crash: its class-data recording is incomplete (dropped), and it runs again. */
    void startAgain() throws IOException {
        classData.exited(false);
        start();
    }

    Path log() {
        return log;
    }

    /** {@code JAVA_OPTS} when set, else {@link #DEFAULT_JVM_OPTIONS}. */
    public static List<String> jvmOptions(Map<String, String> environment) {
        String configured = environment.get("JAVA_OPTS");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim().split("\\s+"));
        }
        return DEFAULT_JVM_OPTIONS;
    }

    /**
     * Flags for six services and PostgreSQL on a small machine: a 96 MB heap with the serial collector, exit
     * on out-of-memory (the supervisor starts a clean process), and the native heap trimmed every 2 s (glibc
     * keeps what the JIT compilers freed) where the JDK has the flag. No {@code -Xms}: a heap starting small
     * saved 15 MiB at rest but cost up to a third of some scenarios' throughput. Why these and not others:
     * docs/decisions/jvm-flags.md.
     */
    static List<String> defaultJvmOptions(boolean trimsNativeHeap) {
        List<String> options = new ArrayList<>(List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"));
        if (trimsNativeHeap) {
            options.addAll(TRIM_NATIVE_HEAP);
        }
        return List.copyOf(options);
    }

    /** The services run on the launcher's own JDK. */
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** Product flag in 17.0.x and 23+, experimental in 22, absent before 17.0.9; an unknown flag stops the JVM. */
    static final List<String> TRIM_NATIVE_HEAP = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=2000");

    /**
     * Whether this JDK's java starts with these flags ({@code java <flags> -version}: about 50 ms); false
     * also when it does not finish within the timeout.
     */
    static boolean javaAccepts(List<String> flags, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(flags);
        command.add("-version");
        try {
            Process probe = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!probe.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The archive (AOT cache or AppCDS) unless JAVA_OPTS already chooses about class-data sharing (e.g. {@code -Xshare:off}). */
    static boolean sharesClassData(List<String> options) {
        return options.stream().noneMatch(option -> option.startsWith("-Xshare") || option.contains("SharedArchiveFile")
                || option.contains("ArchiveClassesAtExit") || option.contains("AOTCache") || option.contains("AOTMode"));
    }

    public static final List<String> DEFAULT_JVM_OPTIONS = defaultJvmOptions(javaAccepts(TRIM_NATIVE_HEAP, Duration.ofSeconds(10)));

    /** Waits until {@code /q/health/ready} answers 200; fails when the process dies or time runs out. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive() && classData.inUse()) {
                // an archive this JVM cannot use (it may crash rather than ignore one): once more without it
                classData.discard();
                try {
                    start();
                } catch (IOException e) {
                    throw new IllegalStateException(name + " could not be started again: " + e.getMessage(), e);
                }
                continue;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** SIGKILL: the process dies at once, as in a crash. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            classData.exited(false);
        }
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    public void stop() {
        askToStop();
        awaitStop();
    }

    /** True when its JVM records its class-data archive and so takes a second or two to stop. */
    boolean writesArchiveOnStop() {
        return process != null && process.isAlive() && classData.recording();
    }

    /** SIGTERM, without waiting: {@link #awaitStop()} then waits, so several services stop at once. */
    void askToStop() {
        if (process == null) {
            return;
        }
        stopped = true;
        aliveWhenAsked = process.isAlive();
        if (aliveWhenAsked) {
            process.destroy();
        }
    }

    /** Waits for the process asked to stop, at most 20 s (longer while it writes an AOT cache on the way out), then SIGKILL. */
    void awaitStop() {
        if (process == null) {
            return;
        }
        if (!aliveWhenAsked) {
            // it had died before: whatever it recorded is incomplete
            classData.exited(false);
            return;
        }
        boolean normally = false;
        try {
            normally = process.waitFor(classData.stopAllowance().toSeconds(), TimeUnit.SECONDS);
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        classData.exited(normally);
    }

    /** The operating system's id of the running process. */
    public long pid() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    public String url() {
        return "http://localhost:" + port;
    }
}
