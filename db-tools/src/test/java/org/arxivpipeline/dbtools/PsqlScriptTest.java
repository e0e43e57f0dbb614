package org.arxivpipeline.dbtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC applier of db/ reads scripts as psql does; and db/ applies with the real psql too. */
class PsqlScriptTest {

    /** One cluster for the reader's tests (the real psql gets a fresh one). */
    private static LocalPostgres db;

    @BeforeAll
    static void cluster() {
        db = new LocalPostgres();
    }

    @AfterAll
    static void destroy() {
        db.destroy();
    }

    @Test
    void statementsSplitOnlyOutsideQuotesDollarQuotesAndComments() throws java.sql.SQLException {
        PsqlScript script = new PsqlScript(db::connect, "postgres", Map.of("GREETING", "it's env"));
        try {
            script.run("""
                    \\set ON_ERROR_STOP on
                    \\set word 'semi;colon'
                    \\getenv greeting GREETING
                    \\getenv missing NO_SUCH_VARIABLE_HERE
                    CREATE DATABASE psql_script_test;
                    \\connect psql_script_test
                    -- a comment; with a semicolon
                    /* a block; /* nested; */ comment */
                    CREATE TABLE t (id int, note text);
                    INSERT INTO t VALUES (1, 'a;b'), (2, :'word'), (3, :'greeting'), (4, $$x;y$$), (5, $tag$it's;$tag$);
                    DO $$ BEGIN INSERT INTO t VALUES (6, 'from do;'); END $$;
                    INSERT INTO t VALUES (7, '7'::text);
                    SELECT format('INSERT INTO t VALUES (%s, %L)', n, 'gexec ' || n) FROM generate_series(8, 9) n \\gexec
                    """);
        } finally {
            script.close();
        }
        List<String> notes = new ArrayList<>();
        try (Connection connection = db.connect("psql_script_test");
                java.sql.ResultSet rs = connection.createStatement().executeQuery("SELECT note FROM t ORDER BY id")) {
            while (rs.next()) {
                notes.add(rs.getString(1));
            }
        }
        assertEquals(List.of("a;b", "semi;colon", "it's env", "x;y", "it's;", "from do;", "7", "gexec 8", "gexec 9"), notes);
    }

    @Test
    void unknownMetaCommandsAndUnterminatedStatementsAreRefused() {
        PsqlScript script = new PsqlScript(db::connect, "postgres", Map.of());
        try {
            IllegalStateException meta = assertThrows(IllegalStateException.class, () -> script.run("\\copy t from 'x'\n"));
            assertTrue(meta.getMessage().contains("unsupported psql meta-command \\copy"), meta.getMessage());
            IllegalStateException open = assertThrows(IllegalStateException.class, () -> script.run("SELECT 1"));
            assertTrue(open.getMessage().contains("without a closing ';'"), open.getMessage());
            IllegalStateException failing = assertThrows(IllegalStateException.class, () -> script.run("SELECT * FROM no_such_table;"));
            assertTrue(failing.getMessage().contains("no_such_table"), failing.getMessage());
        } finally {
            script.close();
        }
    }

    /**
     * db/ is plain psql input: applied by the real psql (where one is installed) to an empty cluster,
     * with a password from the environment, it gives the roles and tables the services use.
     */
    @Test
    void theRealPsqlAppliesDbWithPasswordsFromTheEnvironment(@TempDir Path logs) throws Exception {
        Path psql = findPsql();
        if (psql == null) {
            System.out.println("No psql on this machine: db/ was applied by the JDBC applier only");
            return;
        }
        LocalPostgres fresh = new LocalPostgres();
        try {
            List<Path> files;
            try (var listing = Files.list(dbDirectory())) {
                files = listing.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
            }
            for (Path file : files) {
                ProcessBuilder builder = new ProcessBuilder(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                        "-h", fresh.host(), "-p", String.valueOf(fresh.port()), "-U", "postgres", "-d", "postgres", "-f", file.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(logs.resolve("psql.log").toFile());
                builder.environment().put("ARXIV_RW_PASSWORD", "from-the-environment");
                // the cluster asks the superuser for its password too; psql must never wait at a prompt
                builder.environment().put("PGPASSWORD", fresh.superuserPassword());
                builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                Process process = builder.start();
                assertTrue(process.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, process.exitValue(), file + ": " + Files.readString(logs.resolve("psql.log")));
            }
            String url = "jdbc:postgresql://" + fresh.host() + ":" + fresh.port() + "/arxiv";
            try (Connection rw = org.arxivpipeline.dbtools.Jdbc.connect(url, "arxiv_rw", "from-the-environment")) {
                assertTrue(rw.isValid(5));
            }
            try (Connection ro = org.arxivpipeline.dbtools.Jdbc.connect(url, "arxiv_ro", "arxiv_ro")) {
                assertTrue(ro.isValid(5));
            }
        } finally {
            fresh.destroy();
        }
    }

    /** The project's db/, found upwards from the working directory (the module). */
    private static Path dbDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("db/00_roles.sql"))) {
                return dir.resolve("db");
            }
        }
        throw new IllegalStateException("No db/ folder found from " + Path.of("").toAbsolutePath());
    }

    private static Path findPsql() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "psql");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (var versions = Files.list(debian)) {
                return versions.map(v -> v.resolve("bin/psql")).filter(Files::isExecutable).findFirst().orElse(null);
            }
        }
        return null;
    }
}
