package org.arxivpipeline.dbtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * PostgreSQL run from the binaries zonky ships on Maven Central (as root it runs under
 * {@code unshare -U}), on 127.0.0.1. Every connection needs a password (SCRAM-SHA-256), the superuser's
 * too: {@code pg_hba.conf} is written at every start with no {@code trust} line, and the Unix socket
 * (which would be reachable by every user of the machine through {@code /tmp}) is switched off. It can
 * be stopped and started again on the same port with the same data.
 * <p>
 * The superuser's password is set before every start of a primary, in single-user mode ({@code postgres
 * --single} on the stopped data directory, the verifier on its standard input): a path that needs no
 * network and no {@code trust}, only what the data directory's owner has — the data directory itself
 * (0700). So a new cluster (zonky's initdb leaves the superuser without a password) and a data directory
 * of an earlier release (its superuser had none, it was trusted from 127.0.0.1) both get the password
 * given here, and so does a data directory whose password was lost.
 * <p>
 * The binaries are unpacked into a directory of this OS user only ({@link #binaries()}), not into zonky's
 * default {@code /tmp/embedded-pg}, which is writable by every user and would let any of them replace
 * the {@code postgres} that runs with the data and the passwords.
 */
public final class LocalPostgres {

    private static final String SUPERUSER = "postgres";
    private static final String HBA = """
            # written by LocalPostgres at every start: a password (SCRAM-SHA-256) for every connection,
            # the superuser's and replication too; no Unix socket (unix_socket_directories is empty)
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            host replication postgres 127.0.0.1/32 scram-sha-256
            host replication postgres ::1/128 scram-sha-256
            """;
    private static final Duration SINGLE_USER_TIMEOUT = Duration.ofSeconds(120);
    private static Path binaries;

    private final Path dataDirectory;
    private final int port;
    private final boolean durable;
    private final String superuserPassword;
    /** A streaming replica: its superuser is the primary's (a copy of its catalog), and it cannot be written. */
    private final boolean standby;
    private EmbeddedPostgres postgres;

    /**
     * A throw-away server in a new temporary directory on a free port, started; without fsync, as the
     * embedded server's defaults have it (tests: speed over durability). Its superuser gets a random
     * password ({@link #superuserPassword()}).
     */
    public LocalPostgres() {
        this(temporaryDirectory(), freePort(), false, Passwords.random(), false);
    }

    /**
     * A server keeping its data in {@code dataDirectory} (created by initdb when empty), on {@code port},
     * started; durable: fsync and synchronous commit on, so a committed search survives a crash. Its
     * superuser's password is {@code superuserPassword} from now on, whatever it was before.
     */
    public LocalPostgres(Path dataDirectory, int port, String superuserPassword) {
        this(dataDirectory, port, true, superuserPassword, false);
    }

    private LocalPostgres(Path dataDirectory, int port, boolean durable, String superuserPassword, boolean standby) {
        Passwords.scramVerifier(superuserPassword); // refuses a password that cannot be used here, before anything starts
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.durable = durable;
        this.superuserPassword = superuserPassword;
        this.standby = standby;
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
            postgres = startEmbedded();
        } catch (RuntimeException firstFailure) {
            if (initialised(dataDirectory)) {
                throw new IllegalStateException(didNotStart(), firstFailure);
            }
            // initdb itself failed (it removes what it made): a passing fault of the machine (CI saw one, its
            // cause not shown then) should not stop a start, a lasting one fails the second try as well
            System.err.println("initdb failed in " + dataDirectory + ", trying once more; its output ends with:\n" + logTail());
            try {
                postgres = startEmbedded();
            } catch (RuntimeException secondFailure) {
                secondFailure.addSuppressed(firstFailure);
                throw new IllegalStateException(didNotStart(), secondFailure);
            }
        }
    }

    private EmbeddedPostgres startEmbedded() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (durable) {
                // the embedded server starts with -F (no fsync) and synchronous_commit=off; a later -c wins
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(ownerOnlyLogFile().toFile());
            return builder
                    .setOverrideWorkingDirectory(binaries().toFile())
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("unix_socket_directories", "")
                    // zonky's own check that the server is up connects as the superuser, with this
                    .setConnectConfig("password", superuserPassword)
                    // initdb's, pg_ctl's and the server's output: zonky would hand it to SLF4J, which the
                    // launcher discards, and a failed initdb would say nothing but its command line
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    // after zonky's initdb (or on an existing cluster), before the server starts
                    .setDataDirectoryCustomizer(dir -> {
                        writeHba(dir.toPath());
                        if (!standby) {
                            setSuperuserPassword(dir.toPath());
                        }
                    })
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
    }

    /**
     * The output of initdb, pg_ctl and the server (its log): beside the data directory, {@code <data directory>.log},
     * as the data directory must be empty for initdb. Only its owner may read it (a failed statement is logged whole).
     */
    public Path logFile() {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
    }

    private Path ownerOnlyLogFile() {
        Path log = logFile();
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            if (!Files.exists(log)) {
                Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (FileAlreadyExistsException raced) {
            // made by another start at the same moment
        } catch (UnsupportedOperationException notPosix) {
            // the redirect creates it
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + log, e);
        }
        return log;
    }

    private String didNotStart() {
        return "Embedded PostgreSQL did not start in " + dataDirectory + "; the end of its log " + logFile() + ":\n" + logTail();
    }

    /** The last lines of {@link #logFile()} (up to 4 KiB), to say why a start failed. */
    private String logTail() {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(logFile().toFile(), "r")) {
            long from = Math.max(0, file.length() - 4096);
            byte[] tail = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(tail);
            return new String(tail, java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
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
        logFile().toFile().delete();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String superuser() {
        return SUPERUSER;
    }

    public String superuserPassword() {
        return superuserPassword;
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
            // the replica's data directory is 0700, as this one's: the password in it is its owner's only
            String conninfo = String.format("host=%s port=%d user=%s password='%s' application_name=%s", host(), port, superuser(),
                    superuserPassword.replace("\\", "\\\\").replace("'", "\\'"), slot);
            Files.writeString(replicaDirectory.resolve("postgresql.auto.conf"), String.format("""
                    primary_conninfo = '%s'
                    primary_slot_name = '%s'
                    """, conninfo.replace("'", "''"), slot), java.nio.file.StandardOpenOption.APPEND);
        } catch (java.sql.SQLException | IOException e) {
            throw new IllegalStateException("Cannot make a replica of the PostgreSQL on port " + port + ": " + e.getMessage(), e);
        }
        return new LocalPostgres(replicaDirectory, replicaPort, durable, superuserPassword, true);
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
            return Jdbc.connect("jdbc:postgresql://" + host() + ":" + port + "/" + database, superuser(), superuserPassword);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot connect to " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code ALTER ROLE postgres PASSWORD '<SCRAM verifier>'} in single-user mode on the stopped cluster: the
     * verifier goes through standard input (never the command line, never the password itself), and
     * nothing of the output is shown but error lines without the statement.
     */
    private void setSuperuserPassword(Path dir) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as zonky starts the server as root: PostgreSQL refuses to run as root, and the data
            // directory's owner looks the same as the process's inside a user namespace
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgresBinary(dir).toString(), "--single", "-D", dir.toString(), "-c", "exit_on_error=on",
                "-c", "log_min_messages=warning", "-c", "log_min_error_statement=panic", SUPERUSER));
        String output;
        int exit;
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(("ALTER ROLE " + SUPERUSER + " PASSWORD '" + Passwords.scramVerifier(superuserPassword) + "'\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(SINGLE_USER_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("postgres --single did not finish in " + SINGLE_USER_TIMEOUT.toSeconds() + " s");
            }
            exit = process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run postgres --single on " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (exit != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
            String errors = output.lines().filter(line -> line.contains("ERROR") || line.contains("FATAL") || line.contains("HINT"))
                    .filter(line -> !line.contains("SCRAM-SHA-256$")).collect(java.util.stream.Collectors.joining("; "));
            throw new IllegalStateException("Cannot set the superuser's password of " + dir + " (postgres --single exit " + exit + "): "
                    + errors);
        }
    }

    /**
     * The {@code postgres} that zonky has unpacked into {@link #binaries()} (it has by the time the data
     * directory customizer runs) for the data directory's major version; the newest if several fit.
     */
    private static Path postgresBinary(Path dataDirectory) {
        String major;
        try {
            major = Files.readString(dataDirectory.resolve("PG_VERSION")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("No PG_VERSION in " + dataDirectory, e);
        }
        List<Path> candidates;
        try (Stream<Path> unpacked = Files.list(binaries())) {
            candidates = unpacked.filter(dir -> Files.exists(dir.resolve(".exists")) && Files.isExecutable(dir.resolve("bin/postgres")))
                    .sorted(Comparator.comparing((Path dir) -> dir.resolve(".exists").toFile().lastModified()).reversed())
                    .map(dir -> dir.resolve("bin/postgres")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        for (Path candidate : candidates) {
            if (majorVersion(candidate).equals(major)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No PostgreSQL " + major + " binaries in " + binaries());
    }

    /** "17" of {@code postgres (PostgreSQL) 17.11}. */
    private static String majorVersion(Path postgresBinary) {
        try {
            Process version = new ProcessBuilder(postgresBinary.toString(), "-V").redirectErrorStream(true).start();
            String text = new String(version.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            version.waitFor();
            java.util.regex.Matcher number = java.util.regex.Pattern.compile("(\\d+)\\.\\d+").matcher(text);
            return number.find() ? number.group(1) : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * Where the PostgreSQL binaries are unpacked (zonky makes one {@code PG-<digest>} folder per bundle): a
     * directory that only this OS user may write. {@code -Darxiv.pg.binaries=DIR} chooses it; by default
     * {@code ~/.cache/arxiv-pipeline/embedded-pg} (so ./run.sh, the tests and e2e unpack once per user), or,
     * where that cannot be used, a new temporary directory of this JVM.
     */
    public static synchronized Path binaries() {
        if (binaries == null) {
            String configured = System.getProperty("arxiv.pg.binaries");
            Path preferred = configured != null ? Path.of(configured)
                    : Path.of(System.getProperty("user.home"), ".cache", "arxiv-pipeline", "embedded-pg");
            binaries = ownedByThisUserOnly(preferred) ? preferred : temporaryDirectory();
        }
        return binaries;
    }

    /** Creates {@code dir} (0700) when missing; true when it is this user's and nobody else may write into it. */
    private static boolean ownedByThisUserOnly(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException raced) {
                    // made by another process at the same time: checked below
                }
            }
            // zonky adds write for everybody to its working directory (0700 becomes 0722): without search (x)
            // that lets nobody else create, rename or remove anything in it, so only w together with x counts
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            boolean groupMayChange = permissions.contains(PosixFilePermission.GROUP_WRITE) && permissions.contains(PosixFilePermission.GROUP_EXECUTE);
            boolean othersMayChange = permissions.contains(PosixFilePermission.OTHERS_WRITE) && permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
            return Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                    && !groupMayChange && !othersMayChange;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
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
