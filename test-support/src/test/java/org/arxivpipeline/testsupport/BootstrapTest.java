package org.arxivpipeline.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.arxivpipeline.dbtools.Jdbc;
import org.arxivpipeline.dbtools.LocalPostgres;
import org.arxivpipeline.dbtools.PsqlScript;
import org.junit.jupiter.api.Test;

/**
 * db/, the superuser's bootstrap, on a real PostgreSQL: the roles and the databases with their owner,
 * nothing a runtime role may create, idempotent (applied again it changes nothing, a changed password
 * excepted), and the adoption of an installation set up by the previous release.
 */
class BootstrapTest {

    private static final List<String> RUNTIME_ROLES = List.of("arxiv_rw", "arxiv_ro", "arxiv_sequence", "arxiv_pacing", "arxiv_watches");
    private static final List<String> DATABASES = List.of("arxiv", "arxiv_sequence");

    private final TestPostgres db = TestPostgres.get();

    @Test
    void theRolesAndTheDatabasesExistOwnedByTheSchemaOwner() {
        List<Map<String, Object>> roles = db.query("postgres", """
                SELECT rolname, rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls
                  FROM pg_roles WHERE rolname LIKE 'arxiv%' ORDER BY rolname""");
        assertEquals(List.of("arxiv_owner", "arxiv_pacing", "arxiv_ro", "arxiv_rw", "arxiv_sequence", "arxiv_watches"),
                roles.stream().map(row -> row.get("rolname")).toList(), "the contract's roles and no more");
        for (Map<String, Object> role : roles) {
            assertEquals(List.of(true, false, false, false, false, false), new ArrayList<>(role.values()).subList(1, 7),
                    role.get("rolname") + ": LOGIN, nothing more");
        }
        for (String database : DATABASES) {
            Map<String, Object> row = db.query("postgres",
                    "SELECT datdba::regrole::text AS owner, pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = ?",
                    database).get(0);
            assertEquals("arxiv_owner", row.get("owner"), database);
            assertEquals("UTF8", row.get("encoding"), database);
        }
        List<String> mayConnect = new ArrayList<>();
        for (String role : RUNTIME_ROLES) {
            for (String database : DATABASES) {
                if ((Boolean) db.query("postgres", "SELECT has_database_privilege(?, ?, 'CONNECT') AS ok", role, database).get(0).get("ok")) {
                    mayConnect.add(role + "@" + database);
                }
            }
        }
        assertEquals(List.of("arxiv_rw@arxiv", "arxiv_ro@arxiv", "arxiv_sequence@arxiv_sequence", "arxiv_pacing@arxiv", "arxiv_watches@arxiv"),
                mayConnect);
        assertEquals(0, db.queryLong("postgres", """
                SELECT count(*) FROM pg_database d, aclexplode(d.datacl) a
                 WHERE d.datname IN ('arxiv', 'arxiv_sequence') AND a.grantee = 0"""), "PUBLIC may not even connect");
    }

    @Test
    void appliedAgainItChangesNothingAndFailsOnNothing() {
        Map<String, List<String>> before = catalog(db::connect);
        db.applySchema(TestPostgres.dbDirectory());
        db.applySchema(TestPostgres.dbDirectory());
        assertEquals(before, catalog(db::connect));
    }

    /** No runtime role can change the schema: no table in public of either database, no schema, database or role. */
    @Test
    void runtimeRolesCannotCreateAnything() throws SQLException {
        for (String role : RUNTIME_ROLES) {
            String database = role.equals("arxiv_sequence") ? "arxiv_sequence" : "arxiv";
            try (Connection connection = db.connect(database, role, defaultPassword(role)); Statement sql = connection.createStatement()) {
                assertDenied(sql, "CREATE TABLE public.sneaky (id int)", role);
                assertDenied(sql, "CREATE TABLE sneaky (id int)", role);
                assertDenied(sql, "CREATE SEQUENCE sneaky", role);
                assertDenied(sql, "CREATE SCHEMA sneaky", role);
                assertDenied(sql, "CREATE DATABASE sneaky", role);
                assertDenied(sql, "CREATE ROLE sneaky", role);
            }
        }
        // and into the other database they are not even let in
        IllegalStateException noEntry = assertThrows(IllegalStateException.class,
                () -> db.connect("arxiv_sequence", "arxiv_rw", defaultPassword("arxiv_rw")).close(), "arxiv_rw on arxiv_sequence");
        assertTrue(noEntry.getMessage().contains("permission denied for database"), noEntry.getMessage());
    }

    /** The schema owner creates what the migrations need in both databases, and nothing beyond them. */
    @Test
    void theSchemaOwnerCreatesTablesButNoDatabaseOrRole() throws SQLException {
        for (String database : DATABASES) {
            try (Connection owner = db.connect(database, "arxiv_owner", defaultPassword("arxiv_owner")); Statement sql = owner.createStatement()) {
                owner.setAutoCommit(false);
                sql.execute("CREATE TABLE public.owner_probe (id int)");
                sql.execute("CREATE SEQUENCE public.owner_probe_seq");
                owner.rollback();
                owner.setAutoCommit(true);
                assertDenied(sql, "CREATE DATABASE sneaky", "arxiv_owner");
                assertDenied(sql, "CREATE ROLE sneaky", "arxiv_owner");
            }
        }
    }

    /**
     * A password changed in the environment takes effect when the bootstrap runs again: the new one lets
     * the role in, the old one no longer does; the others stay; no setting keeps a password.
     */
    @Test
    void aChangedPasswordInTheEnvironmentTakesEffectOnTheNextRun() throws SQLException {
        LocalPostgres cluster = new LocalPostgres();
        try {
            PsqlScript.applyDirectory(TestPostgres.dbDirectory(), cluster::connect, Map.of("ARXIV_RW_PASSWORD", "rw-first", "ARXIV_RO_PASSWORD", "ro-kept"));
            assertLogsIn(cluster, "arxiv_rw", "rw-first");
            PsqlScript.applyDirectory(TestPostgres.dbDirectory(), cluster::connect, Map.of("ARXIV_RW_PASSWORD", "rw-second", "ARXIV_RO_PASSWORD", "ro-kept"));
            assertLogsIn(cluster, "arxiv_rw", "rw-second");
            SQLException old = assertThrows(SQLException.class, () -> connect(cluster, "arxiv_rw", "rw-first").close());
            assertEquals("28P01", old.getSQLState(), old.getMessage());
            assertLogsIn(cluster, "arxiv_ro", "ro-kept");
            assertLogsIn(cluster, "arxiv_pacing", "arxiv_pacing");
            try (Connection superuser = cluster.connect("postgres"); Statement sql = superuser.createStatement()) {
                assertEquals(0, count(sql, "SELECT count(*) FROM pg_db_role_setting"), "no role or database keeps a setting");
                try (ResultSet rs = sql.executeQuery("SELECT current_setting('arxiv.arxiv_rw_password', true)")) {
                    rs.next();
                    assertNull(rs.getString(1), "not in a new session");
                }
                assertEquals(0, count(sql, "SELECT count(*) FROM pg_authid WHERE rolname LIKE 'arxiv%' AND rolpassword NOT LIKE 'SCRAM-SHA-256$%'"),
                        "only verifiers are stored");
            }
        } finally {
            cluster.destroy();
        }
    }

    /**
     * The previous release's installation (its db/, its rows): the bootstrap adopts every table and the
     * sequence for arxiv_owner, without a row lost or changed, and the grants made on them stay; applied
     * once more it changes nothing.
     */
    @Test
    void anInstallationOfThePreviousReleaseIsAdoptedWithItsRowsAndGrants() throws SQLException {
        LocalPostgres cluster = new LocalPostgres();
        try {
            LegacyInstallation.Snapshot before = LegacyInstallation.install(cluster::connect);
            assertEquals(5, before.queries().size());
            assertEquals(10, before.results().size());
            assertEquals(7, before.sequenceLastValue());
            Map<String, List<String>> grantsBefore = grantsToOthersThanTheOwner(cluster::connect);
            assertEquals(List.of("postgres"), owners(cluster::connect), "the previous release's tables were the superuser's");

            PsqlScript.applyDirectory(TestPostgres.dbDirectory(), cluster::connect, Map.of());

            assertEquals(List.of("arxiv_owner"), owners(cluster::connect), "tables, indexes, identity sequences, arxiv_sequence");
            assertEquals(before, LegacyInstallation.snapshot(cluster::connect), "every row as it was");
            assertEquals(grantsBefore, grantsToOthersThanTheOwner(cluster::connect), "the grants stay");
            assertTrue(grantsBefore.get("arxiv").containsAll(List.of("queries arxiv_rw INSERT", "queries arxiv_rw SELECT",
                    "results arxiv_rw INSERT", "results arxiv_rw SELECT", "results arxiv_ro SELECT", "arxiv_pacing arxiv_pacing SELECT",
                    "arxiv_pacing.next_slot arxiv_pacing UPDATE")), grantsBefore.toString());
            assertEquals(List.of("arxiv_sequence arxiv_sequence USAGE"), grantsBefore.get("arxiv_sequence"));
            try (Connection rw = connect(cluster, "arxiv_rw", "arxiv_rw"); Statement sql = rw.createStatement()) {
                assertEquals(5, count(sql, "SELECT count(*) FROM queries"), "the runtime role still reads");
                assertDenied(sql, "UPDATE queries SET query = 'x'", "arxiv_rw");
            }
            // the migrations, as arxiv_owner, may now change what was adopted
            try (Connection owner = connect(cluster, "arxiv_owner", "arxiv_owner"); Statement sql = owner.createStatement()) {
                owner.setAutoCommit(false);
                sql.execute("ALTER TABLE queries ADD COLUMN probe int");
                sql.execute("CREATE INDEX probe_idx ON results (title)");
                sql.execute("ALTER TABLE arxiv_pacing ALTER COLUMN next_slot SET DEFAULT now()");
                owner.rollback();
            }

            Map<String, List<String>> adopted = catalog(cluster::connect);
            PsqlScript.applyDirectory(TestPostgres.dbDirectory(), cluster::connect, Map.of());
            assertEquals(adopted, catalog(cluster::connect), "applied again: no change");
            assertEquals(before, LegacyInstallation.snapshot(cluster::connect));
        } finally {
            cluster.destroy();
        }
    }

    /**
     * What the bootstrap decides, as text per aspect: the roles (all but their password hashes), the
     * databases' owners and ACLs, and in each database schema public's owner and ACL, and every relation
     * in it with its owner and ACL.
     */
    private static Map<String, List<String>> catalog(Function<String, Connection> superuser) {
        Map<String, List<String>> catalog = new LinkedHashMap<>();
        catalog.put("roles", lines(superuser, "postgres", """
                SELECT oid, rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolconnlimit,
                       rolvaliduntil, rolbypassrls, rolconfig FROM pg_roles ORDER BY rolname"""));
        catalog.put("databases", lines(superuser, "postgres",
                "SELECT oid, datname, datdba::regrole, encoding, datacl FROM pg_database ORDER BY datname"));
        for (String database : DATABASES) {
            catalog.put(database + " schemas", lines(superuser, database,
                    "SELECT nspname, nspowner::regrole, nspacl FROM pg_namespace WHERE nspname = 'public'"));
            catalog.put(database + " relations", lines(superuser, database, """
                    SELECT relname, relkind, relowner::regrole, relacl FROM pg_class
                     WHERE relnamespace = 'public'::regnamespace ORDER BY relname"""));
        }
        return catalog;
    }

    /** In each database: "table grantee privilege" (and "table.column grantee privilege") for every grantee but the owner. */
    private static Map<String, List<String>> grantsToOthersThanTheOwner(Function<String, Connection> superuser) {
        Map<String, List<String>> grants = new LinkedHashMap<>();
        for (String database : DATABASES) {
            grants.put(database, lines(superuser, database, """
                    SELECT g FROM (
                      SELECT c.relname || ' ' || a.grantee::regrole || ' ' || a.privilege_type AS g
                        FROM pg_class c, aclexplode(c.relacl) a
                       WHERE c.relnamespace = 'public'::regnamespace AND a.grantee <> c.relowner
                      UNION ALL
                      SELECT c.relname || '.' || t.attname || ' ' || a.grantee::regrole || ' ' || a.privilege_type
                        FROM pg_class c JOIN pg_attribute t ON t.attrelid = c.oid, aclexplode(t.attacl) a
                       WHERE c.relnamespace = 'public'::regnamespace AND a.grantee <> c.relowner) grants
                     ORDER BY g"""));
        }
        return grants;
    }

    /** The distinct owners of every relation (tables, indexes, sequences) in public of both databases. */
    private static List<String> owners(Function<String, Connection> superuser) {
        List<String> owners = new ArrayList<>();
        for (String database : DATABASES) {
            for (String owner : lines(superuser, database,
                    "SELECT DISTINCT relowner::regrole FROM pg_class WHERE relnamespace = 'public'::regnamespace")) {
                if (!owners.contains(owner)) {
                    owners.add(owner);
                }
            }
        }
        return owners;
    }

    private static List<String> lines(Function<String, Connection> superuser, String database, String sql) {
        List<String> lines = new ArrayList<>();
        try (Connection connection = superuser.apply(database); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    values.add(rs.getString(c));
                }
                lines.add(String.join(" ", values));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in: " + sql, e);
        }
        return lines;
    }

    /** The password the shared server's roles got from db/: the environment's, else the role's name. */
    private static String defaultPassword(String role) {
        return System.getenv().getOrDefault(role.toUpperCase(java.util.Locale.ROOT) + "_PASSWORD", role);
    }

    private static Connection connect(LocalPostgres cluster, String user, String password) throws SQLException {
        String database = user.equals("arxiv_sequence") ? "arxiv_sequence" : "arxiv";
        return Jdbc.connect("jdbc:postgresql://" + cluster.host() + ":" + cluster.port() + "/" + database, user, password);
    }

    private static void assertLogsIn(LocalPostgres cluster, String user, String password) throws SQLException {
        try (Connection connection = connect(cluster, user, password)) {
            assertTrue(connection.isValid(5), user);
        }
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertDenied(Statement statement, String sql, String role) {
        SQLException denied = assertThrows(SQLException.class, () -> statement.execute(sql), role + ": " + sql);
        assertEquals("42501", denied.getSQLState(), role + ": " + sql + ": " + denied.getMessage());
        assertFalse(denied.getMessage().isEmpty());
    }
}
