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
            host replication postgres 127.0.0.1/32 trust
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

    /**
     * A streaming read replica of this (running) server in {@code replicaDirectory} on {@code replicaPort},
     * started, as {@code pg_basebackup} makes one (the zonky bundle has no pg_basebackup): a physical
     * replication slot on this server keeps the WAL the replica still needs; {@code pg_backup_start} in a
     * session held open, a copy of the data directory (without the server's pid file, its WAL and its
     * slots), {@code pg_backup_stop} whose label file goes into the copy; then {@code standby.signal} and
     * the connection back here. The replica replays everything this server commits, serves reads (hot
     * standby) and refuses writes.
     */
    public LocalPostgres startReplica(Path replicaDirectory, int replicaPort) {
        String slot = "replica_" + replicaPort;
        try (java.sql.Connection session = connect("postgres"); java.sql.Statement sql = session.createStatement()) {
            try (java.sql.ResultSet exists = sql.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
                exists.next();
                if (exists.getInt(1) == 0) {
                    sql.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
                }
            }
            sql.execute("SELECT pg_backup_start('" + slot + "', true)");
            copyDataDirectory(dataDirectory, replicaDirectory);
            try (java.sql.ResultSet stop = sql.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
                stop.next();
                Files.writeString(replicaDirectory.resolve("backup_label"), stop.getString(1));
            }
            Files.writeString(replicaDirectory.resolve("standby.signal"), "");
            Files.writeString(replicaDirectory.resolve("postgresql.auto.conf"), String.format("""
                    primary_conninfo = 'host=%s port=%d user=%s application_name=%s'
                    primary_slot_name = '%s'
                    """, host(), port, superuser(), slot, slot), java.nio.file.StandardOpenOption.APPEND);
        } catch (java.sql.SQLException | IOException e) {
            throw new IllegalStateException("Cannot make a replica of the PostgreSQL on port " + port + ": " + e.getMessage(), e);
        }
        return new LocalPostgres(replicaDirectory, replicaPort, durable);
    }

    /** What pg_basebackup leaves out: the running server's files, its WAL (streamed instead) and its slots. */
    private static final java.util.Set<String> NOT_COPIED = java.util.Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label", "tablespace_map");
    private static final java.util.Set<String> COPIED_EMPTY = java.util.Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    private static void copyDataDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.toString().isEmpty() || NOT_COPIED.contains(relative.toString())) {
                    continue;
                }
                if (relative.getNameCount() > 1 && COPIED_EMPTY.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                try {
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // removed by the running server while copying: the WAL replay makes up for it
                }
            }
        }
        Files.createDirectories(to.resolve("pg_wal/archive_status"));
        try {
            Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
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
