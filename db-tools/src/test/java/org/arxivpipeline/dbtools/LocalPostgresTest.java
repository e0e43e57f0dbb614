package org.arxivpipeline.dbtools;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        LocalPostgres kept = new LocalPostgres(data.resolve("pgdata"), port);
        try (Connection db = kept.connect("postgres")) {
            assertEquals("on", setting(db, "fsync"));
            assertEquals("on", setting(db, "synchronous_commit"));
        } finally {
            kept.stop();
        }
    }

    /** The read replica of ./run.sh --read-replica: real streaming replication from the primary. */
    @Test
    void aReplicaStreamsWhatThePrimaryCommitsAndRefusesWrites(@TempDir Path data) throws Exception {
        LocalPostgres primary = new LocalPostgres(data.resolve("primary"), freePort());
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
