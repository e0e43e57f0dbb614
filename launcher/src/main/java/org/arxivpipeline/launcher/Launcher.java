package org.arxivpipeline.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.arxivpipeline.dbtools.LocalPostgres;
import org.arxivpipeline.dbtools.PsqlScript;

/**
 * {@code ./run.sh}: the whole suite on one machine with nothing but a JDK. An embedded PostgreSQL keeps
 * its data under {@code .run/pgdata} (db/ is applied on its first start), the five services run from
 * their jars with the contract's environment, and Ctrl-C (or SIGTERM) stops everything it started.
 */
public final class Launcher {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Options options;
    private final Path root;
    private final Path run;
    private final Map<String, String> environment;
    private final List<ServiceProcess> services = new ArrayList<>();
    private LocalPostgres postgres;
    private ArxivStub stub;

    /**
     * @param root the project's checkout (its db/ and the services' target/ folders)
     * @param run where the embedded PostgreSQL keeps its data and the services their logs
     */
    public Launcher(Options options, Path root, Path run) {
        this(options, root, run, System.getenv());
    }

    /** @param environment what the services inherit (the launcher's own environment by default) */
    public Launcher(Options options, Path root, Path run, Map<String, String> environment) {
        this.options = options;
        this.root = root;
        this.run = run;
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.USAGE);
            return;
        }
        Path root = Path.of("").toAbsolutePath();
        Launcher launcher = new Launcher(options, root, root.resolve(".run"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            launcher.stop();
            stopped.countDown();
        }, "arxiv-pipeline-stop"));
        try {
            launcher.start();
        } catch (Exception e) {
            System.err.println("Start failed: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    /** Starts PostgreSQL, the stand-in if asked, and the five services; returns once all are ready. */
    public void start() throws Exception {
        Path logs = run.resolve("logs");
        Files.createDirectories(logs);
        String dbBase = options.dbUrl() != null ? options.dbUrl() : startPostgres();
        String arxivUrl = null;
        if (options.arxivStub()) {
            stub = new ArxivStub(options.stubPort());
            stub.start();
            arxivUrl = stub.baseUrl();
        }

        int base = options.basePort();
        Map<String, String> inherited = new HashMap<>(environment);
        Map<String, String> arxivApi = new HashMap<>(inherited);
        // the arXiv pacing shared through PostgreSQL, as with several replicas (role arxiv_pacing)
        arxivApi.put("QUARKUS_DATASOURCE_REACTIVE_URL", dbBase + "/arxiv");
        if (arxivUrl != null) {
            arxivApi.put("ARXIV_BASE_URL", arxivUrl);
            arxivApi.putIfAbsent("ARXIV_MIN_INTERVAL", "100ms");
        }
        Map<String, String> sequence = new HashMap<>(inherited);
        sequence.put("QUARKUS_DATASOURCE_REACTIVE_URL", dbBase + "/arxiv_sequence");
        Map<String, String> data = new HashMap<>(inherited);
        data.put("QUARKUS_DATASOURCE_REACTIVE_URL", dbBase + "/arxiv");
        Map<String, String> frontend = new HashMap<>(inherited);
        frontend.put("QUARKUS_REST_CLIENT_ARXIV_API_URL", "http://localhost:" + (base + 1));
        frontend.put("QUARKUS_REST_CLIENT_SEQUENCE_URL", "http://localhost:" + (base + 2));
        frontend.put("QUARKUS_REST_CLIENT_QUERIES_URL", "http://localhost:" + (base + 3));
        frontend.put("QUARKUS_REST_CLIENT_RESULTS_URL", "http://localhost:" + (base + 4));

        services.add(service("backend-arxiv-api", base + 1, arxivApi, logs));
        services.add(service("backend-sequence", base + 2, sequence, logs));
        services.add(service("backend-queries", base + 3, data, logs));
        services.add(service("backend-results", base + 4, data, logs));
        services.add(service("frontend-service", base, frontend, logs));
        for (ServiceProcess service : services) {
            service.start();
        }
        for (ServiceProcess service : services) {
            service.awaitReady(READY_TIMEOUT);
        }

        StringBuilder ready = new StringBuilder("\narxiv-pipeline is running\n");
        ready.append(String.format("  %-18s %s   (try %s/arxiv?title=electron)%n", "frontend-service", "http://localhost:" + base,
                "http://localhost:" + base));
        for (ServiceProcess service : services.subList(0, 4)) {
            ready.append(String.format("  %-18s %s%n", service.name, service.url()));
        }
        ready.append(String.format("  %-18s %s%n", "PostgreSQL", dbBase));
        ready.append(String.format("  %-18s %s%n", "arXiv", arxivUrl != null ? arxivUrl + " (local stand-in)" : "the real arXiv API"));
        ready.append("  logs               ").append(logs).append("\n  Ctrl-C stops everything.\n");
        System.out.println(ready);
    }

    /** When each call reached the arXiv stand-in (epoch ms, in order); empty without {@code --arxiv-stub}. */
    public List<Long> arxivStubArrivals() {
        return stub == null ? List.of() : stub.arrivals();
    }

    private ServiceProcess service(String name, int port, Map<String, String> environment, Path logs) {
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        return new ServiceProcess(name, port, jar, logs.resolve(name + ".log"), environment);
    }

    /** The embedded PostgreSQL under .run/pgdata; db/ applied on its first start. Answers its base URL. */
    private String startPostgres() throws IOException {
        Path data = run.resolve("pgdata");
        Path applied = run.resolve("db-applied");
        if (LocalPostgres.initialised(data) && !Files.exists(applied)) {
            // a first start that did not finish: begin again
            deleteTree(data);
        }
        boolean first = !LocalPostgres.initialised(data);
        System.out.println((first ? "Creating" : "Starting") + " the embedded PostgreSQL in " + data + " ...");
        postgres = new LocalPostgres(data, options.dbPort());
        if (first) {
            PsqlScript.applyDirectory(root.resolve("db"), postgres::connect, System.getenv());
            Files.writeString(applied, "db/ applied\n");
        }
        return "postgresql://127.0.0.1:" + postgres.port();
    }

    /** The service called {@code name} (e.g. {@code backend-queries}), to stop and start it again. */
    public ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    /** The embedded PostgreSQL (null with --db-url). */
    public LocalPostgres postgres() {
        return postgres;
    }

    /** Stops everything started, services first, PostgreSQL last. */
    public synchronized void stop() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        services.clear();
        if (stub != null) {
            stub.stop();
            stub = null;
        }
        if (postgres != null) {
            postgres.stop();
            postgres = null;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
