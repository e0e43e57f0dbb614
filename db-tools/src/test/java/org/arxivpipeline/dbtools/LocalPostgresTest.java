package org.arxivpipeline.dbtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    /** ./run.sh keeps the searches in .run/pgdata: what it commits must survive a crash of the machine. */
    @Test
    void aServerKeepingItsDataIsDurable(@TempDir Path data) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LocalPostgres kept = new LocalPostgres(data.resolve("pgdata"), port, Passwords.random());
        try (Connection db = kept.connect("postgres")) {
            assertEquals("on", setting(db, "fsync"));
            assertEquals("on", setting(db, "synchronous_commit"));
        } finally {
            kept.stop();
        }
    }

    /** initdb's, pg_ctl's and the server's output are kept beside the data directory, for its owner only. */
    @Test
    void theServersOutputIsKeptInALogBesideTheData(@TempDir Path data) throws Exception {
        LocalPostgres server = new LocalPostgres(data.resolve("pgdata"), freePort(), Passwords.random());
        server.stop();
        Path log = data.resolve("pgdata.log");
        assertEquals(log, server.logFile());
        String text = java.nio.file.Files.readString(log);
        assertTrue(text.contains("Success. You can now start the database server"), "initdb's output: " + text);
        assertTrue(text.contains("database system is ready to accept connections"), "the server's log: " + text);
        assertTrue(text.contains("database system is shut down"), "the server's log: " + text);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(log)));
    }

    /** A start that fails says why, from the server's own words: here initdb refuses a directory not empty. */
    @Test
    void aFailedStartSaysWhyFromTheLog(@TempDir Path data) throws Exception {
        Path pgdata = java.nio.file.Files.createDirectories(data.resolve("pgdata"));
        java.nio.file.Files.writeString(pgdata.resolve("not-a-cluster.txt"), "something else's file");
        IllegalStateException failed = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new LocalPostgres(pgdata, freePort(), Passwords.random()));
        assertTrue(failed.getMessage().contains("did not start in " + pgdata), failed.getMessage());
        assertTrue(failed.getMessage().contains("exists but is not empty"), failed.getMessage());
        assertEquals(1, failed.getCause().getSuppressed().length, "the first try's failure, kept beside the second's");
        assertEquals(2, java.util.regex.Pattern.compile("exists but is not empty").matcher(
                java.nio.file.Files.readString(data.resolve("pgdata.log"))).results().count(), "initdb was tried twice");
        assertTrue(java.nio.file.Files.exists(pgdata.resolve("not-a-cluster.txt")), "what was there is left alone");
    }

    /** The read replica of ./run.sh --read-replica: real streaming replication from the primary. */
    @Test
    void aReplicaStreamsWhatThePrimaryCommitsAndRefusesWrites(@TempDir Path data) throws Exception {
        LocalPostgres primary = new LocalPostgres(data.resolve("primary"), freePort(), Passwords.random());
        LocalPostgres replica = null;
        try {
            try (Connection db = primary.connect("postgres")) {
                db.createStatement().execute("CREATE TABLE seen (n int)");
                db.createStatement().execute("INSERT INTO seen VALUES (1)");
            }
            replica = primary.startReplica(data.resolve("replica"), freePort());
            try (Connection db = primary.connect("postgres")) {
                db.createStatement().execute("INSERT INTO seen VALUES (2)");
            }
            try (Connection db = replica.connect("postgres")) {
                assertEquals("t", query(db, "SELECT pg_is_in_recovery()"));
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
                while (!"2".equals(query(db, "SELECT count(*) FROM seen")) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals("2", query(db, "SELECT count(*) FROM seen"), "rows from before and after the copy");
                java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        () -> db.createStatement().execute("INSERT INTO seen VALUES (3)"));
                assertEquals("25006", refused.getSQLState(), "read_only_sql_transaction");
            }
            try (Connection db = primary.connect("postgres")) {
                assertEquals("streaming", query(db, "SELECT state FROM pg_stat_replication"));
            }
        } finally {
            if (replica != null) {
                replica.stop();
            }
            primary.stop();
        }
    }

    /**
     * On a shared machine nobody but the holder of the password gets in: no trust line, no Unix socket,
     * the superuser asked for its password as every role is.
     */
    @Test
    void everyConnectionNeedsAPasswordTheSuperusersToo(@TempDir Path data) throws Exception {
        String password = Passwords.random();
        LocalPostgres server = new LocalPostgres(data.resolve("pgdata"), freePort(), password);
        try {
            assertRefused(server, null);
            assertRefused(server, "");
            assertRefused(server, password + "x");
            try (Connection db = Jdbc.connect(url(server), "postgres", password)) {
                assertEquals("", setting(db, "unix_socket_directories"), "no socket in /tmp for every user to reach");
                assertEquals("0", query(db, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256' OR error IS NOT NULL"));
                assertEquals("4", query(db, "SELECT count(*) FROM pg_hba_file_rules"));
                assertTrue(query(db, "SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'").startsWith("SCRAM-SHA-256$4096:"));
            }
        } finally {
            server.stop();
        }
    }

    /**
     * A data directory of the previous release: its superuser had no password (zonky's initdb, trusted
     * from 127.0.0.1). Started with a password, it takes it (set on the stopped cluster, single-user
     * mode); started again with another one (secrets lost or changed), it takes that one; the data stays.
     */
    @Test
    void aClusterWhoseSuperuserHasNoOrAnotherPasswordTakesTheGivenOne(@TempDir Path data) throws Exception {
        Path pgdata = data.resolve("pgdata");
        int port = freePort();
        LocalPostgres before = new LocalPostgres(pgdata, port, "first-password");
        try (Connection db = before.connect("postgres")) {
            db.createStatement().execute("CREATE TABLE kept (n int)");
            db.createStatement().execute("INSERT INTO kept VALUES (42)");
            db.createStatement().execute("ALTER ROLE postgres PASSWORD NULL");
        }
        before.stop();

        long started = System.nanoTime();
        LocalPostgres upgraded = new LocalPostgres(pgdata, port, "second-password");
        System.out.printf("start with the superuser's password set in single-user mode: %d ms%n", (System.nanoTime() - started) / 1_000_000);
        try {
            try (Connection db = Jdbc.connect(url(upgraded), "postgres", "second-password")) {
                assertEquals("42", query(db, "SELECT n FROM kept"));
            }
            assertRefused(upgraded, null);
            assertRefused(upgraded, "first-password");
            upgraded.stop();
            upgraded = new LocalPostgres(pgdata, port, "third-password");
            assertRefused(upgraded, "second-password");
            try (Connection db = upgraded.connect("postgres")) {
                assertEquals("42", query(db, "SELECT n FROM kept"));
            }
        } finally {
            upgraded.stop();
        }
    }

    /** The verifier computed here is the one PostgreSQL checks: a role given it logs in with the password. */
    @Test
    void aScramVerifierFromJavaLetsThePasswordIn() throws Exception {
        LocalPostgres server = new LocalPostgres();
        try {
            try (Connection db = server.connect("postgres")) {
                db.createStatement().execute("CREATE ROLE verified LOGIN PASSWORD '" + Passwords.scramVerifier("s3cret-Pass_word") + "'");
            }
            try (Connection db = Jdbc.connect(url(server), "verified", "s3cret-Pass_word")) {
                assertTrue(db.isValid(5));
            }
            org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> Jdbc.connect(url(server), "verified", "s3cret-Pass_wordX").close());
        } finally {
            server.destroy();
        }
    }

    @Test
    void randomPasswordsAreLongUrlSafeAndDistinct() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String password = Passwords.random();
            assertTrue(password.matches("[A-Za-z0-9_-]{32}"), password.length() + " characters");
            assertTrue(seen.add(password));
        }
    }

    private static void assertRefused(LocalPostgres server, String password) {
        java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> Jdbc.connect(url(server), "postgres", password).close());
        assertTrue(java.util.Set.of("28P01", "08004").contains(refused.getSQLState()), refused.getSQLState() + " " + refused.getMessage());
    }

    private static String url(LocalPostgres server) {
        return "jdbc:postgresql://" + server.host() + ":" + server.port() + "/postgres";
    }

    private static String query(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String setting(Connection db, String name) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
