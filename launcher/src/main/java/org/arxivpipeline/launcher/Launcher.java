package org.arxivpipeline.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.arxivpipeline.dbtools.LocalPostgres;
import org.arxivpipeline.dbtools.PsqlScript;

/**
 * {@code ./run.sh}: the whole suite on one machine with nothing but a JDK. An embedded PostgreSQL keeps
 * its data under {@code .run/pgdata}, every connection to it needs a password, and the passwords are this
 * installation's own ({@link Secrets}, {@code .run/secrets.properties}, owner-only); the bootstrap
 * {@code db/} is applied at every start (it is idempotent, and sets the passwords). The six services run
 * from their jars with the contract's environment, their passwords in it, and Ctrl-C (or SIGTERM) stops
 * everything it started.
 */
public final class Launcher {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Options options;
    private final Path root;
    private final Path run;
    private final Map<String, String> environment;
    private final List<ServiceProcess> services = new ArrayList<>();
    private LocalPostgres postgres;
    private LocalPostgres replica;
    private Secrets secrets;
    private ArxivStub stub;
    private boolean supervised;
    private Supervisor supervisor;

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

    /**
     * Services that die are started again ({@link Supervisor}) once the suite is up; {@code ./run.sh} does
     * this, tests that kill services on purpose leave it off.
     */
    public Launcher supervised() {
        this.supervised = true;
        return this;
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
        Launcher launcher = new Launcher(options, root, root.resolve(".run")).supervised();
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

    /** Starts PostgreSQL, the stand-in if asked, and the services (see {@link ServicePlan}); returns once all are ready. */
    public void start() throws Exception {
        createOwnerOnly(run);
        Path logs = run.resolve("logs");
        Files.createDirectories(logs);
        String dbBase = options.dbUrl() != null ? options.dbUrl() : startPostgres();
        String readDbBase = options.readReplica() ? startReplica() : null;
        String arxivUrl = null;
        if (options.arxivStub()) {
            stub = new ArxivStub(options.stubPort());
            stub.start();
            arxivUrl = stub.baseUrl();
        }

        int base = options.basePort();
        Map<String, String> passwords = secrets == null ? Map.of() : secrets.rolePasswords();
        for (ServicePlan.Planned planned : ServicePlan.plan(base, options.replicas(), dbBase, readDbBase, arxivUrl, environment, passwords)) {
            Path jar = root.resolve(planned.module()).resolve("target/quarkus-app/quarkus-run.jar");
            services.add(new ServiceProcess(planned.name(), planned.port(), jar, logs.resolve(planned.name() + ".log"), planned.environment()));
        }
        for (ServiceProcess service : services) {
            service.start();
        }
        for (ServiceProcess service : services) {
            service.awaitReady(READY_TIMEOUT);
        }
        if (supervised) {
            supervisor = new Supervisor(services, System.out);
            supervisor.start();
        }

        StringBuilder ready = new StringBuilder("\narxiv-pipeline is running\n");
        int width = Math.max(18, services.stream().mapToInt(service -> service.name.length() + 1).max().orElse(0));
        String line = "  %-" + width + "s %s";
        for (ServiceProcess service : services) {
            if (service.name.startsWith(ServicePlan.FRONTEND)) {
                ready.append(String.format(line + "   (try %s/arxiv?title=electron)%n", service.name, service.url(), service.url()));
            }
        }
        for (ServiceProcess service : services) {
            if (!service.name.startsWith(ServicePlan.FRONTEND)) {
                ready.append(String.format(line + "%n", service.name, service.url()));
            }
        }
        ready.append(String.format(line + "%n", "PostgreSQL", dbBase + (secrets != null ? "   (passwords: " + secrets.file() + ")" : "")));
        if (readDbBase != null) {
            ready.append(String.format(line + "%n", "read replica", readDbBase));
        }
        ready.append(String.format(line + "%n", "arXiv", arxivUrl != null ? arxivUrl + " (local stand-in)" : "the real arXiv API"));
        ready.append(String.format("  %-" + width + "s ", "logs")).append(logs)
                .append(supervised ? "\n  A service that dies is started again. Ctrl-C stops everything.\n" : "\n  Ctrl-C stops everything.\n");
        System.out.println(ready);
    }

    /** When each call reached the arXiv stand-in (epoch ms, in order); empty without {@code --arxiv-stub}. */
    public List<Long> arxivStubArrivals() {
        return stub == null ? List.of() : stub.arrivals();
    }

    /** The {@code search_query} of each call the arXiv stand-in answered, in the order they arrived (empty without it). */
    public List<String> arxivStubSearches() {
        return stub == null ? List.of() : stub.searches();
    }

    /** Makes the arXiv stand-in answer every call {@code delay} after it arrived (a slow arXiv), or at once with zero. */
    public void arxivStubDelay(java.time.Duration delay) {
        if (stub != null) {
            stub.delay(delay);
        }
    }

    /** Makes the arXiv stand-in answer every call {@code status} (an outage: 500, 503), or feeds again with 0. */
    public void arxivStubFailWith(int status) {
        if (stub != null) {
            stub.failWith(status);
        }
    }

    /**
     * The embedded PostgreSQL under .run/pgdata, its superuser's password set from the secrets, then the
     * bootstrap db/ applied (at every start: it is idempotent, creates what a first start needs, adopts what
     * an earlier release made, and sets every role's password from the secrets). Answers its base URL.
     * <p>
     * An installation of an earlier release (.run/pgdata and .run/db-applied, no secrets file) is upgraded in
     * place: new secrets are made, the superuser's password is set on the stopped cluster ({@link LocalPostgres}:
     * single-user mode, which needs the data directory, not a connection), and the bootstrap replaces the
     * roles' passwords that were their names.
     */
    String startPostgres() throws IOException {
        createOwnerOnly(run);
        Path data = run.resolve("pgdata");
        Path applied = run.resolve("db-applied");
        if (LocalPostgres.initialised(data) && !Files.exists(applied)) {
            // a first start that did not finish: begin again
            deleteTree(data);
        }
        boolean first = !LocalPostgres.initialised(data);
        secrets = Secrets.loadOrCreate(run.resolve("secrets.properties"));
        System.out.println((first ? "Creating" : "Starting") + " the embedded PostgreSQL in " + data + " ...");
        postgres = new LocalPostgres(data, options.dbPort(), secrets.password(Secrets.SUPERUSER));
        PsqlScript.applyDirectory(root.resolve("db"), postgres::connect, secrets.bootstrapEnvironment());
        if (!Files.exists(applied)) {
            Files.writeString(applied, "db/ applied\n");
        }
        return "postgresql://127.0.0.1:" + postgres.port();
    }

    /** {@code dir} made 0700 when missing (its secrets file, data and logs are this user's only); an existing one is left as it is. */
    private static void createOwnerOnly(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir.toAbsolutePath().getParent());
        try {
            Files.createDirectory(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // made at the same moment by another start
        }
    }

    /** A fresh streaming replica of the embedded PostgreSQL in .run/pgdata-replica, on the next port. */
    private String startReplica() throws IOException {
        Path data = run.resolve("pgdata-replica");
        if (Files.exists(data)) {
            deleteTree(data);
        }
        System.out.println("Making a streaming read replica in " + data + " ...");
        replica = postgres.startReplica(data, options.dbPort() + 1);
        return "postgresql://127.0.0.1:" + replica.port();
    }

    /** The read replica (null without --read-replica), to stop and start it again. */
    public LocalPostgres replica() {
        return replica;
    }

    /**
     * The service called {@code name} (e.g. {@code backend-queries}; with replicas {@code backend-queries-2},
     * {@code frontend-service-1}), to stop and start it again.
     */
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
        if (supervisor != null) {
            supervisor.stop();
            supervisor = null;
        }
        // all at once: a JVM recording its class-data archive (the first stop after a build) takes a
        // second or two to write it, and five of them one after another took 18 s
        long recording = services.stream().filter(ServiceProcess::writesArchiveOnStop).count();
        if (!services.isEmpty()) {
            System.out.println("Stopping " + services.size() + " services" + (recording > 0
                    ? " (" + recording + " write their class-data archive for faster starts: a few seconds, once)" : "") + " ...");
        }
        services.forEach(ServiceProcess::askToStop);
        services.forEach(ServiceProcess::awaitStop);
        services.clear();
        if (stub != null) {
            stub.stop();
            stub = null;
        }
        if (replica != null) {
            replica.stop();
            replica = null;
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
