package org.arxivpipeline.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import org.arxivpipeline.dbtools.LocalPostgres;
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

    private static String setting(Connection db, String name) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
