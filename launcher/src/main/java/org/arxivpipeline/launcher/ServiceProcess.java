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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
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
    }

    /**
     * {@code JAVA_OPTS} when set, else flags for five services and PostgreSQL on a small machine: a
     * 96 MB heap with the serial collector. C1 only ({@code -XX:TieredStopAtLevel=1}) would save about
     * 50 MB of RSS per service but halves the frontend's streaming throughput (bench/RESULTS.md).
     */
    public static List<String> jvmOptions(Map<String, String> environment) {
        String configured = environment.get("JAVA_OPTS");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim().split("\\s+"));
        }
        return DEFAULT_JVM_OPTIONS;
    }

    /** AppCDS unless JAVA_OPTS already chooses about class-data sharing (e.g. {@code -Xshare:off}). */
    static boolean sharesClassData(List<String> options) {
        return options.stream().noneMatch(option -> option.startsWith("-Xshare") || option.contains("SharedArchiveFile")
                || option.contains("ArchiveClassesAtExit"));
    }

    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

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
        if (process == null) {
            return;
        }
        if (!process.isAlive()) {
            classData.exited(false);
            return;
        }
        process.destroy();
        boolean normally = false;
        try {
            // a service recording its class-data archive writes it on the way out (a second or two)
            normally = process.waitFor(20, TimeUnit.SECONDS);
            if (!normally) {
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
