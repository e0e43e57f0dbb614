package org.arxivpipeline.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.arxivpipeline.dbtools.Jdbc;
import org.arxivpipeline.dbtools.LocalPostgres;
import org.arxivpipeline.dbtools.PsqlScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database part of ./run.sh on a real embedded PostgreSQL (no service started): the installation's
 * own passwords from the first start on, the bootstrap at every start, and a .run/ of the previous release
 * (a superuser without a password, roles whose passwords were their names) upgraded in place.
 */
class LauncherDatabaseTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> RUNTIME_ROLES = List.of("arxiv_rw", "arxiv_ro", "arxiv_pacing", "arxiv_watches");

    @Test
    void theFirstStartMakesThePasswordsAndEveryLaterStartUsesThem(@TempDir Path temporary) throws Exception {
        Path run = temporary.resolve(".run");
        int port = freePort();
        Launcher launcher = launcher(run, port);
        long started = System.nanoTime();
        launcher.startPostgres();
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        Path file = run.resolve("secrets.properties");
        String written;
        try {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            written = Files.readString(file);
            Secrets secrets = Secrets.loadOrCreate(file);
            assertLogsIn(port, "arxiv", "postgres", secrets.password("postgres"));
            assertRefused(port, "arxiv", "postgres", "");
            for (String role : RUNTIME_ROLES) {
                assertLogsIn(port, "arxiv", role, secrets.password(role));
                assertRefused(port, "arxiv", role, role);
            }
            assertLogsIn(port, "arxiv_sequence", "arxiv_sequence", secrets.password("arxiv_sequence"));
            assertLogsIn(port, "arxiv", "arxiv_owner", secrets.password("arxiv_owner"));
        } finally {
            launcher.stop();
        }

        Launcher again = launcher(run, port);
        started = System.nanoTime();
        again.startPostgres();
        long againMillis = (System.nanoTime() - started) / 1_000_000;
        try {
            assertEquals(written, Files.readString(file), "the same secrets");
            Secrets secrets = Secrets.loadOrCreate(file);
            assertLogsIn(port, "arxiv", "arxiv_rw", secrets.password("arxiv_rw"));
        } finally {
            again.stop();
        }
        System.out.printf("embedded PostgreSQL + bootstrap: first start %d ms, next start %d ms%n", firstMillis, againMillis);
    }

    /**
     * A .run/ of the previous release: pgdata made by its db/ (the tables, with rows, the superuser's),
     * its superuser without a password, db-applied there, no secrets file. The next start makes secrets,
     * the superuser and the roles take them, the names stop working as passwords, no row is lost.
     */
    @Test
    void aRunDirectoryOfThePreviousReleaseIsUpgradedInPlace(@TempDir Path temporary) throws Exception {
        Path run = temporary.resolve(".run");
        int port = freePort();
        LocalPostgres previous = new LocalPostgres(run.resolve("pgdata"), port, "only-to-set-it-up");
        try {
            PsqlScript.applyDirectory(ROOT.resolve("test-support/src/main/resources/legacy-db"), previous::connect, Map.of());
            try (Connection db = previous.connect("arxiv")) {
                db.createStatement().execute("INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) "
                        + "VALUES (7, 1700000000, 200, 12345678901, 2, 'ti:electron')");
                db.createStatement().execute("ALTER ROLE postgres PASSWORD NULL");
            }
        } finally {
            previous.stop();
        }
        Files.writeString(run.resolve("db-applied"), "db/ applied\n");

        Launcher launcher = launcher(run, port);
        launcher.startPostgres();
        try {
            Secrets secrets = Secrets.loadOrCreate(run.resolve("secrets.properties"));
            assertRefused(port, "arxiv", "arxiv_rw", "arxiv_rw");
            assertRefused(port, "arxiv", "postgres", "");
            try (Connection rw = Jdbc.connect(url(port, "arxiv"), "arxiv_rw", secrets.password("arxiv_rw"))) {
                assertEquals("ti:electron 12345678901", single(rw, "SELECT query || ' ' || num_results FROM queries WHERE query_id = 7"));
            }
            try (Connection db = launcher.postgres().connect("arxiv")) {
                assertEquals("arxiv_owner", single(db, "SELECT string_agg(DISTINCT relowner::regrole::text, ',') FROM pg_class "
                        + "WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S')"));
            }
        } finally {
            launcher.stop();
        }
    }

    private static Launcher launcher(Path run, int port) {
        return new Launcher(Options.parse(List.of("--db-port", String.valueOf(port))), ROOT, run, Map.of());
    }

    private static void assertLogsIn(int port, String database, String user, String password) throws SQLException {
        try (Connection connection = Jdbc.connect(url(port, database), user, password)) {
            assertTrue(connection.isValid(5), user);
        }
    }

    private static void assertRefused(int port, String database, String user, String password) {
        SQLException refused = assertThrows(SQLException.class, () -> Jdbc.connect(url(port, database), user, password).close(), user);
        assertTrue(List.of("28P01", "08004").contains(refused.getSQLState()), user + ": " + refused.getMessage());
    }

    private static String url(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static String single(Connection db, String sql) throws SQLException {
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
}
