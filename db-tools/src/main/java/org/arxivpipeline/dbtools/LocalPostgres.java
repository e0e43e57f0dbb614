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
    private EmbeddedPostgres postgres;

    /** A server in a new temporary directory on a free port, started. */
    public LocalPostgres() {
        this(temporaryDirectory(), freePort());
    }

    /** A server keeping its data in {@code dataDirectory} (created by initdb when empty), on {@code port}, started. */
    public LocalPostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
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
            postgres = EmbeddedPostgres.builder()
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
            return java.sql.DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port + "/" + database, superuser(), "");
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
