package org.arxivpipeline.dbtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL run from the binaries zonky ships on Maven Central (as root it runs under
 * {@code unshare -U}), on 127.0.0.1. Connections from TCP need a password for every role but the
 * superuser, as in a deployment, so the roles' passwords are really checked. It can be stopped and
 * started again on the same port with the same data.
 */
public final class LocalPostgres {

    private static final String HBA = """
            local all all trust
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final Path dataDirectory;
    private final int port;
    private final boolean durable;
    private EmbeddedPostgres postgres;

    /**
     * A throw-away server in a new temporary directory on a free port, started; without fsync, as the
     * embedded server's defaults have it (tests: speed over durability).
     */
    public LocalPostgres() {
        this(temporaryDirectory(), freePort(), false);
    }

    /**
     * A server keeping its data in {@code dataDirectory} (created by initdb when empty), on {@code port},
     * started; durable: fsync and synchronous commit on, so a committed search survives a crash.
     */
    public LocalPostgres(Path dataDirectory, int port) {
        this(dataDirectory, port, true);
    }

    private LocalPostgres(Path dataDirectory, int port, boolean durable) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.durable = durable;
        start();
    }

    /** True when {@code dataDirectory} already holds a cluster (a restart, not a first start). */
    public static boolean initialised(Path dataDirectory) {
        return Files.exists(dataDirectory.resolve("postgresql.conf"));
    }

    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (durable) {
                // the embedded server starts with -F (no fsync) and synchronous_commit=off; a later -c wins
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            postgres = builder
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
    }

    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    /** Stops the server and removes its data. */
    public void destroy() {
        stop();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans what is left
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String superuser() {
        return "postgres";
    }

    public String superuserPassword() {
        return "";
    }

    private static void writeHba(Path dir) {
        try {
            Files.writeString(dir.resolve("pg_hba.conf"), HBA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** A superuser JDBC connection to {@code database}. */
    public java.sql.Connection connect(String database) {
        try {
            return Jdbc.connect("jdbc:postgresql://" + host() + ":" + port + "/" + database, superuser(), "");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot connect to " + database + ": " + e.getMessage(), e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("arxiv-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
