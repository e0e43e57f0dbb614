package org.arxivpipeline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.arxivpipeline.dbtools.PsqlScript;

/**
 * An installation set up by the previous release: its {@code db/} (kept unchanged on the class path in
 * {@code legacy-db/}: roles, the databases and the tables {@code queries}, {@code results},
 * {@code arxiv_pacing} and the sequence {@code arxiv_sequence}, all the superuser's) applied to a
 * cluster, and rows in every table as its services wrote them. {@link #snapshot} reads those rows back,
 * to compare before and after an upgrade.
 * <p>
 * Every method takes the cluster as a connector: database name → a new superuser connection (e.g.
 * {@code TestPostgres::connect} or {@code LocalPostgres::connect}).
 */
public final class LegacyInstallation {

    /** The previous release's {@code db/}, in the order it was applied. */
    public static final List<String> SCRIPTS = List.of("00_roles.sql", "01_arxiv.sql", "02_arxiv_sequence.sql");
    /** The columns the previous release had: a snapshot reads only these, so columns a migration adds do not count. */
    public static final List<String> QUERY_COLUMNS = List.of("id", "query_id", "timestamp", "status", "num_results", "num_entries", "query");
    public static final List<String> RESULT_COLUMNS = List.of("id", "query_id", "timestamp", "result_number", "author", "title", "journal",
            "arxiv_id", "doi", "primary_category", "published", "url");
    public static final List<String> PACING_COLUMNS = List.of("id", "next_slot");

    /** The searches {@link #fill} writes: query text, arXiv's total, how many results were kept. */
    private static final List<Object[]> SEARCHES = List.of(
            new Object[] {"ti:electron", 48213L, 3},
            new Object[] {"au:\"Schrödinger, E\" AND cat:quant-ph", 0L, 0},
            new Object[] {"all:superconductivity", 3_000_000_000L, 4},
            new Object[] {"ti:\"dark matter\" AND abs:halo", 17L, 2},
            new Object[] {"jr:Phys. Rev. Lett.; ti:\"it's\" -- not a comment", 1L, 1});
    private static final List<String[]> PAPERS = List.of(
            new String[] {"Anna Müller; Jürgen Weiß", "Electron transport in twisted bilayer graphene", "Phys. Rev. B 109, 045101 (2024)",
                    "2301.01234v2", "10.1103/PhysRevB.109.045101", "cond-mat.mes-hall"},
            new String[] {"Łukasz Żółć", "On the \"self-energy\" of the electron; a note", null, "2302.04567v1", null, "hep-th"},
            new String[] {"José Á. García; 李 小龍; Σ. Παπαδόπουλος", "Halo shapes and dark matter — a survey", "Astrophys. J. 950, 12",
                    "2303.07890v3", "10.3847/1538-4357/acd000", "astro-ph.CO"},
            new String[] {"O'Brien, Seán", "Superconductivity at 250 K in lanthanum hydride", "Nature 569, 528 (2019)", "1812.01561v1",
                    "10.1038/s41586-019-1201-8", "cond-mat.supr-con"});
    /** nextval calls that gave no search a query_id (failed searches): the sequence ran ahead of the table. */
    private static final int UNUSED_QUERY_IDS = 2;
    private static final String NEXT_SLOT = "2024-03-01 12:00:03.25+00";

    private LegacyInstallation() {
    }

    /** {@link #apply} with the previous release's default passwords (each role's name), then {@link #fill}; answers the snapshot. */
    public static Snapshot install(Function<String, Connection> superuser) {
        apply(superuser, Map.of());
        fill(superuser);
        return snapshot(superuser);
    }

    /**
     * Applies {@code legacy-db/} as the previous release's installation did ({@code psql -f} of each file,
     * here through {@link PsqlScript}); {@code environment} is what its {@code \getenv} reads (the roles'
     * passwords; empty: each role's name).
     */
    public static void apply(Function<String, Connection> superuser, Map<String, String> environment) {
        List<PsqlScript.Script> scripts = new ArrayList<>();
        for (String name : SCRIPTS) {
            scripts.add(new PsqlScript.Script("legacy-db/" + name, resource(name)));
        }
        PsqlScript.applyScripts(scripts, superuser, environment);
    }

    /**
     * Rows in every table, as the previous release's services left them: several searches with their
     * query_ids from the sequence (which also handed out some that no search kept), their results (none
     * for one of them; text with quotes, semicolons and non-ASCII; null journal and DOI), a total beyond
     * 32 bits, and the pacing row moved to a slot.
     */
    public static void fill(Function<String, Connection> superuser) {
        try (Connection sequence = superuser.apply("arxiv_sequence"); Connection arxiv = superuser.apply("arxiv")) {
            arxiv.setAutoCommit(false);
            long timestamp = 1_709_290_000L;
            int paper = 0;
            for (Object[] search : SEARCHES) {
                long queryId = nextval(sequence);
                int kept = (Integer) search[2];
                try (PreparedStatement insert = arxiv.prepareStatement(
                        "INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) VALUES (?, ?, 200, ?, ?, ?)")) {
                    insert.setLong(1, queryId);
                    insert.setLong(2, timestamp);
                    insert.setLong(3, (Long) search[1]);
                    insert.setInt(4, kept);
                    insert.setString(5, (String) search[0]);
                    insert.executeUpdate();
                }
                for (int number = 0; number < kept; number++) {
                    String[] p = PAPERS.get(paper++ % PAPERS.size());
                    try (PreparedStatement insert = arxiv.prepareStatement("INSERT INTO results (query_id, timestamp, result_number, author, "
                            + "title, journal, arxiv_id, doi, primary_category, published, url) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?)")) {
                        insert.setLong(1, queryId);
                        insert.setLong(2, timestamp);
                        insert.setInt(3, number);
                        for (int column = 0; column < 6; column++) {
                            insert.setString(4 + column, p[column]);
                        }
                        insert.setString(10, "2023-0" + (1 + number) + "-1" + number + "T17:5" + number + ":0" + number + "Z");
                        insert.setString(11, "http://arxiv.org/abs/" + p[3]);
                        insert.executeUpdate();
                    }
                }
                timestamp += 37;
            }
            try (Statement statement = arxiv.createStatement()) {
                statement.executeUpdate("UPDATE arxiv_pacing SET next_slot = '" + NEXT_SLOT + "'");
            }
            arxiv.commit();
            for (int i = 0; i < UNUSED_QUERY_IDS; i++) {
                nextval(sequence);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot fill the previous release's tables: " + e.getMessage(), e);
        }
    }

    /** Every row of queries, results and arxiv_pacing (the previous release's columns, as text, in id order), and the sequence's state. */
    public static Snapshot snapshot(Function<String, Connection> superuser) {
        try (Connection arxiv = superuser.apply("arxiv"); Connection sequence = superuser.apply("arxiv_sequence")) {
            try (Statement utc = arxiv.createStatement()) {
                utc.execute("SET TIME ZONE 'UTC'");
            }
            List<Map<String, String>> queries = rows(arxiv, "queries", QUERY_COLUMNS);
            List<Map<String, String>> results = rows(arxiv, "results", RESULT_COLUMNS);
            List<Map<String, String>> pacing = rows(arxiv, "arxiv_pacing", PACING_COLUMNS);
            try (Statement statement = sequence.createStatement();
                    ResultSet state = statement.executeQuery("SELECT last_value, is_called FROM arxiv_sequence")) {
                state.next();
                return new Snapshot(queries, results, pacing, state.getLong(1), state.getBoolean(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the tables: " + e.getMessage(), e);
        }
    }

    /**
     * The rows of the three tables and the state of the sequence.
     *
     * @param sequenceLastValue the last query_id handed out
     */
    public record Snapshot(List<Map<String, String>> queries, List<Map<String, String>> results, List<Map<String, String>> pacing,
            long sequenceLastValue, boolean sequenceIsCalled) {
    }

    private static List<Map<String, String>> rows(Connection db, String table, List<String> columns) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("SELECT " + String.join(", ", columns.stream().map(c -> "\"" + c + "\"").toList())
                        + " FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String column : columns) {
                    row.put(column, rs.getString(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static long nextval(Connection sequence) throws SQLException {
        try (Statement statement = sequence.createStatement(); ResultSet rs = statement.executeQuery("SELECT nextval('arxiv_sequence')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String resource(String name) {
        try (InputStream in = LegacyInstallation.class.getResourceAsStream("/legacy-db/" + name)) {
            if (in == null) {
                throw new IllegalStateException("legacy-db/" + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
