import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.arxivpipeline.launcher.Launcher;
import org.arxivpipeline.launcher.Options;
import org.arxivpipeline.launcher.ServiceProcess;

/**
 * The benchmarks of bench/run.sh: starts the suite through the launcher (embedded PostgreSQL, the arXiv
 * stand-in with pacing off), seeds a data set with SQL, runs every scenario under wrk (a separate
 * process, sharing the machine's cores), measures the services' memory and start-up, and prints a
 * markdown table; a full run also rewrites the generated part of bench/RESULTS.md.
 * <p>
 * Environment: {@code BENCH_ONLY} (a regular expression over the scenarios' labels: only those run, their
 * table is printed and nothing written; e.g. {@code 'GET /results.*(first page|deep page by cursor|export)'}
 * for the unfiltered first page, the filter and the export scenarios; {@code start-up} for the services' starts and
 * memory at rest alone, with no data seeded), {@code BENCH_EXPLAIN} (the plans of
 * the filter scenarios' statements), {@code BENCH_DURATION} (a scenario's measured time, e.g. {@code 15s}; its
 * unmeasured warm-up is then 5 s), {@code BENCH_DIAGNOSE} (where each service's memory is after the load).
 */
public class Bench {

    static final List<String> SERVICES = List.of("frontend-service", "backend-arxiv-api", "backend-sequence", "backend-queries", "backend-watches",
            "backend-results");
    static final long FIRST_TIMESTAMP = 1_700_000_000L;
    static final long DOWNLOAD_FIRST_TIMESTAMP = 1_000_000_000L;

    final boolean quick;
    final String duration;
    /** The same load before each scenario's measured time, not measured. */
    final String warmUp;
    final int queries;
    final int resultsPerQuery;
    final int downloadRows;
    /** How often each service is started for {@link #startup()}. */
    final int starts;
    final List<String[]> rows = new ArrayList<>();
    /** BENCH_ONLY: a regular expression; only the wrk scenarios it matches run (a profiling run: nothing is written). */
    final String only = System.getenv("BENCH_ONLY");
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Launcher launcher;
    String frontend;

    Bench(boolean quick) {
        this.quick = quick;
        // BENCH_DURATION: a scenario's measured time (an A/B on the quick data set needs more than 3 s)
        this.duration = System.getenv("BENCH_DURATION") != null ? System.getenv("BENCH_DURATION") : quick ? "3s" : "20s";
        this.warmUp = quick && System.getenv("BENCH_DURATION") == null ? "1s" : "5s";
        this.queries = quick ? 2_000 : 100_000;
        this.resultsPerQuery = 10;
        this.downloadRows = quick ? 20_000 : 1_000_000;
        this.starts = quick ? 1 : 5;
    }

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench(List.of(args).contains("--quick"));
        try {
            bench.run();
        } finally {
            if (bench.launcher != null) {
                bench.launcher.stop();
            }
        }
    }

    void run() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path runDir = Files.createTempDirectory("arxiv-bench");
        int base = 28080;
        launcher = new Launcher(Options.parse(List.of("--arxiv-stub", "--base-port", String.valueOf(base), "--db-port", "28432",
                "--stub-port", "28090")), root, runDir, environment());
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop));
        launcher.start();
        frontend = "http://localhost:" + base;

        if (STARTUP.equals(only)) {
            // BENCH_ONLY=start-up: the starts and the idle memory alone, on an empty database
            startup();
            System.out.println(table());
            return;
        }
        System.out.printf("Seeding %,d queries with %,d results each, and %,d queries for the download ...%n", queries, resultsPerQuery,
                downloadRows);
        long seeding = System.nanoTime();
        seed();
        System.out.printf("Seeded in %d s%n", (System.nanoTime() - seeding) / 1_000_000_000L);

        scenarios();
        if (only != null) {
            // a run of some scenarios: their table, nothing written
            System.out.println(table());
            return;
        }
        memoryAfterLoad();
        startup();

        String table = table();
        System.out.println(table);
        if (!quick) {
            writeResults(root.resolve("bench/RESULTS.md"), table);
        }
    }

    /** The launcher's environment for the services: arXiv pacing off, quieter logs. */
    static Map<String, String> environment() {
        Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        environment.put("ARXIV_MIN_INTERVAL", "0s");
        environment.put("ARXIV_MAX_QUEUE", "64");
        environment.put("LOG_LEVEL", "WARN");
        // the watch runner looks for due runs every second (the watches scenario)
        environment.put("ARXIV_WATCHES_POLL", "1s");
        return environment;
    }

    /** The word of the selective full-text scenario, in one of every {@link #SELECTIVE_ROWS_EVERY} abstracts (0.05 %). */
    static final String SELECTIVE_WORD = "skyrmion";
    static final int SELECTIVE_ROWS_EVERY = 2000;
    /** The word of the common full-text scenario, in one of every {@link #COMMON_ROWS_EVERY} abstracts (20 %). */
    static final String COMMON_WORD = "superconductivity";
    static final int COMMON_ROWS_EVERY = 5;
    /** Real arXiv categories; a result has 1-3 of them, the primary first. */
    static final String CATEGORIES = "cond-mat.str-el hep-th cs.LG math.CO quant-ph astro-ph.GA cond-mat.mes-hall hep-ph cs.CL math.AP "
            + "physics.optics gr-qc";
    static final String CATEGORY = "hep-th";
    /**
     * Content words of the abstracts and titles, roughly the most frequent first; with prefixed compounds of
     * them (quasi-, multi-, ...) they make a vocabulary of about 6,000 words drawn with Zipf's law, so that
     * the full-text statistics look like a real corpus' (a thousand lexemes in more than ~1 % of the
     * documents, then a long tail). Neither {@link #SELECTIVE_WORD} nor {@link #COMMON_WORD} stems like one
     * of these.
     */
    static final String VOCABULARY = """
            model models state states phase phases transition transitions spin spins lattice lattices field fields quantum classical \
            energy energies magnetic magnetization topological topology insulator insulators metal metallic electron electronic electrons \
            correlated correlation correlations interaction interactions coupling disorder disordered order ordering symmetry symmetries \
            broken breaking ground excitation excitations spectrum spectra band bands gap gaps dispersion density function functional \
            theory theories gauge string strings brane branes black hole holes horizon entropy holography holographic duality conformal \
            boundary bulk dimension dimensions dimensional scalar vector tensor graviton gravity gravitational cosmological cosmology \
            inflation dark matter galaxy galaxies stellar star stars halo halos disk disks cluster clusters redshift survey emission \
            absorption spectroscopy photometric luminosity mass masses merger mergers formation evolution network networks neural \
            learning training deep gradient optimization stochastic convergence loss generalization dataset datasets benchmark \
            benchmarks representation representations embedding embeddings transformer attention language inference bayesian prior \
            posterior sampling kernel regression classification graph graphs vertex vertices edge edges coloring chromatic polynomial \
            polynomials combinatorial bound bounds conjecture theorem proof lemma permutation permutations partition partitions sequence \
            sequences matroid hypergraph extremal random probability qubit qubits circuit circuits gate gates error errors correction \
            channel channels measurement measurements protocol photon photons optical cavity laser resonator waveguide noise \
            decoherence fidelity algorithm algorithms simulation simulations numerical analytical exact approximate perturbative \
            renormalization group flow fixed point critical exponent exponents scaling universal universality regime regimes limit \
            temperature low high finite zero frontier method methods approach framework novel new robust efficient scalable large small \
            strong weak effective effects effect dynamics dynamical equilibrium transport conductivity resistivity thermal hall anomalous \
            charge current currents heavy fermion fermions boson bosons hubbard heisenberg ising kondo frustrated frustration chain chains \
            ladder triangular kagome honeycomb square anisotropy anisotropic exchange orbital orbitals doping doped pressure strain \
            interface surface surfaces layer layers bilayer twisted moire graphene oxide oxides material materials sample samples \
            experiment experiments experimental observation observations data evidence signal signals detector analysis constraint \
            constraints parameter parameters estimate estimates uncertainty precision prediction predictions result results""";
    static final String PREFIXES = "anti multi semi quasi pseudo hyper micro nano meta non inter intra poly mono bi iso para ortho proto neo";
    static final String STOP_WORDS = "the of and in we a to is that for with by this on as which are be an from at its these our can it such "
            + "both also between than";
    static final String ELEMENTS = "La Sr Ba Ca Y Ce Nd Sm Gd Yb Ti V Cr Mn Fe Co Ni Cu Zn Nb Mo Ru Rh Pd Ir Pt Bi Sb Se Te";
    static final String NAMES = """
            Smith Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He Gao Müller Schmidt Schneider Fischer Weber \
            Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger García Fernández \
            González Rodríguez López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno Álvarez Muñoz Romero Alonso \
            Gutiérrez Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Giordano Dubois \
            Durand Lefèvre Moreau Laurent Simon Michel Leroy Roux Fontaine Ivanov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov \
            Morozov Petrov Volkov Solovyov Tanaka Suzuki Takahashi Watanabe Itō Yamamoto Nakamura Kobayashi Saitō Katō Kim Lee Park Choi \
            Jung Kang Cho Yoon Jang Lim Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Dvořák Novák \
            Svoboda Černý Jensen Nielsen Hansen Pedersen Andersen Johansson Karlsson Nilsson Eriksson Larsson Šimić Horvat Kovačević \
            Babić Jovanović Nikolić Petrović Đorđević Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson White Harris \
            Martin Thompson Clark Lewis Walker Hall Allen Young King Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts \
            Carter Phillips Evans Turner Torres Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan Peterson Cooper Reed \
            Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson Brooks Bennett Gray Hughes Price Sanders Patel Singh Kumar Sharma \
            Gupta Das Banerjee Chatterjee Mukherjee Iyer Rao Reddy Nair""";

    void seed() throws Exception {
        try (Connection db = launcher.postgres().connect("arxiv"); Statement sql = db.createStatement()) {
            sql.execute("""
                    INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query)
                    SELECT g, %d + g * 60, 200, 1000 + g, %d, 'ti:bench AND au:"author ' || g || '"'
                    FROM generate_series(1, %d) AS g""".formatted(FIRST_TIMESTAMP, resultsPerQuery, queries));
            // the download set: its own time range, without results
            sql.execute("""
                    INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query)
                    SELECT 500000000 + g, %d + g, 200, 1532, 10, 'ti:download AND au:"del maestro" AND jr:"phys rev b"'
                    FROM generate_series(1, %d) AS g""".formatted(DOWNLOAD_FIRST_TIMESTAMP, downloadRows));
            sql.execute("ANALYZE queries");
        }
        seedResults();
        try (Connection db = launcher.postgres().connect("arxiv"); Statement sql = db.createStatement()) {
            // the paper of the papers-view scenario: found by queries of its own, in three versions
            sql.execute("""
                    INSERT INTO results (query_id, timestamp, result_number, author, title, arxiv_id, primary_category, published, url,
                                         categories)
                    SELECT 900000000 + g, %d + g, 0, 'A. Author, B. Author', 'The benchmark paper', '%s' || 'v' || (1 + g %% 3),
                           'cond-mat.str-el', timestamptz '2024-05-02 17:59:59+00', 'http://arxiv.org/abs/%s', ARRAY['cond-mat.str-el']
                    FROM generate_series(1, %d) AS g""".formatted(FIRST_TIMESTAMP, PAPER, PAPER, PAPER_SIGHTINGS));
        }
        try (Connection db = launcher.postgres().connect("arxiv_sequence"); Statement sql = db.createStatement()) {
            sql.execute("SELECT setval('arxiv_sequence', 1000000000)");
        }
    }

    /**
     * The results: {@code queries} × {@code resultsPerQuery} whole records, as varied as real ones where the
     * filters and their indexes look: an abstract of ~150 words (nine sentences drawn from 4,096 made of a
     * Zipf-distributed vocabulary of ~6,000 words, 40 % stop words, a per-row chemical formula as a long
     * tail), two-part titles, 1-6 authors with accented names, 1-3 categories (the primary first),
     * publication dates over 18 years, a journal reference and comment for some. {@link #COMMON_WORD} is
     * in every fifth abstract, {@link #SELECTIVE_WORD} in one of 2,000. Every pick is a hash of the row
     * (deterministic data, run after run); the row's ids stay unique as before.
     * <p>
     * The indexes that back no constraint (V3's, among them the full-text GIN index, whose to_tsvector of
     * 1,000,000 abstracts takes about two minutes) are dropped for the insert and created again from their
     * own definitions afterwards, two at a time: the same indexes, built in bulk rather than row by row.
     */
    void seedResults() throws Exception {
        try (Connection db = launcher.postgres().connect("arxiv"); Statement sql = db.createStatement()) {
            List<String> indexes = new ArrayList<>();
            try (var found = sql.executeQuery("""
                    SELECT i.relname, pg_get_indexdef(i.oid), am.amname = 'gin' FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                      JOIN pg_am am ON am.oid = i.relam
                     WHERE x.indrelid = 'results'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                     ORDER BY am.amname = 'gin' DESC, i.oid""")) {
                List<String> names = new ArrayList<>();
                while (found.next()) {
                    names.add(found.getString(1));
                    indexes.add(found.getString(2));
                }
                for (String name : names) {
                    sql.execute("DROP INDEX " + name);
                }
            }
            long started = System.nanoTime();
            sql.execute("SET work_mem = '64MB'");
            sql.execute("SELECT setseed(0.25)");
            // the word lists as tables (an array of thousands of words in a row would be detoasted at every subscript)
            List<String> vocabulary = new ArrayList<>(List.of(words(VOCABULARY).split(" ")));
            vocabulary.addAll(compounds());
            String[][] lists = {{"bench_vocab", String.join(" ", vocabulary)}, {"bench_stop", STOP_WORDS}, {"bench_name", words(NAMES)}};
            for (String[] list : lists) {
                sql.execute("CREATE TEMP TABLE " + list[0] + " AS SELECT rank::int, word FROM unnest(string_to_array('" + list[1]
                        + "', ' ')) WITH ORDINALITY AS w(word, rank)");
                sql.execute("ALTER TABLE " + list[0] + " ADD PRIMARY KEY (rank)");
            }
            int stops = STOP_WORDS.split(" ").length;
            int names = words(NAMES).split(" ").length;
            // a content word of rank r (1 the most frequent) with probability ~ 1/r (Zipf), a stop word 40 % of the time
            String word = """
                    CASE WHEN random() < 0.4 THEN -1 - floor(random() * %d)::int
                         ELSE least(%d, floor(exp(random() * ln(%d + 1)))::int) END""".formatted(stops, vocabulary.size(), vocabulary.size());
            // 4,096 sentences of 12-20 words, 1,024 title halves of 3-6 words (fewer stop words)
            sql.execute("""
                    CREATE TEMP TABLE bench_sentence AS
                    SELECT i AS id, upper(left(t, 1)) || substr(t, 2) || '.' AS s FROM (
                      SELECT p.i, string_agg(coalesce(v.word, w.word), ' ' ORDER BY p.j) AS t
                      FROM (SELECT i, j, %s AS pick FROM generate_series(0, 4095) AS i, LATERAL generate_series(1, 12 + mod(i, 9)) AS j) AS p
                      LEFT JOIN bench_vocab v ON v.rank = p.pick LEFT JOIN bench_stop w ON w.rank = -p.pick
                      GROUP BY p.i) AS g""".formatted(word));
            sql.execute("""
                    CREATE TEMP TABLE bench_title AS
                    SELECT p.i AS id, string_agg(coalesce(v.word, w.word), ' ' ORDER BY p.j) AS t
                    FROM (SELECT i, j, CASE WHEN j > 1 AND random() < 0.25 THEN -1 - floor(random() * 6)::int
                                            ELSE least(%d, floor(exp(random() * ln(%d + 1)))::int) END AS pick
                          FROM generate_series(0, 1023) AS i, LATERAL generate_series(1, 3 + mod(i, 4)) AS j) AS p
                    LEFT JOIN bench_vocab v ON v.rank = p.pick LEFT JOIN bench_stop w ON w.rank = -p.pick
                    GROUP BY p.i""".formatted(vocabulary.size(), vocabulary.size()));
            // 4,096 first authors and 4,096 lists of 0-5 co-authors (none: no row, a null)
            sql.execute("""
                    CREATE TEMP TABLE bench_author AS
                    SELECT i AS id, chr(65 + floor(random() * 26)::int) || '. ' || n.word AS name
                    FROM (SELECT i, 1 + floor(random() * %d)::int AS pick FROM generate_series(0, 4095) AS i) AS p
                    JOIN bench_name n ON n.rank = p.pick""".formatted(names));
            sql.execute("""
                    CREATE TEMP TABLE bench_coauthors AS
                    SELECT p.i AS id, string_agg(chr(65 + floor(random() * 26)::int) || '. ' || n.word, ', ' ORDER BY p.j) AS names
                    FROM (SELECT i, j, 1 + floor(random() * %d)::int AS pick
                          FROM generate_series(0, 4095) AS i, LATERAL generate_series(1, mod(i, 6)) AS j) AS p
                    JOIN bench_name n ON n.rank = p.pick
                    GROUP BY p.i""".formatted(names));
            // the common and the selective word, each in 64 sentences of its own
            sql.execute("""
                    CREATE TEMP TABLE bench_common AS
                    SELECT id, 'We discuss %s in ' || lower(left(s, 1)) || substr(s, 2) AS s FROM bench_sentence WHERE id < 64"""
                    .formatted(COMMON_WORD));
            sql.execute("""
                    CREATE TEMP TABLE bench_selective AS
                    SELECT id, 'A %s texture appears: ' || lower(left(s, 1)) || substr(s, 2) AS s FROM bench_sentence WHERE id >= 64 AND id < 128"""
                    .formatted(SELECTIVE_WORD));
            System.out.printf("  word lists made in %.1f s%n", (System.nanoTime() - started) / 1e9);
            for (String table : List.of("bench_sentence", "bench_title", "bench_author", "bench_coauthors", "bench_common",
                    "bench_selective")) {
                sql.execute("ANALYZE " + table);
            }
            // h(n) = the n-th hash of the row's key k; OFFSET 0 keeps the subquery whole, so each is computed once a row
            sql.execute("""
                    INSERT INTO results (query_id, timestamp, result_number, author, title, journal, arxiv_id, doi, primary_category, published,
                                         url, abstract, categories, updated, comment, pdf_url)
                    SELECT g.q, %d + g.q * 60, g.r, fa.name || coalesce(', ' || co.names, ''),
                           upper(left(t1.t, 1)) || substr(t1.t, 2) || ' ' || t2.t,
                           CASE WHEN g.h0 < 35 THEN (ARRAY['Phys. Rev. B', 'Phys. Rev. Lett.', 'JHEP', 'Nature Phys.', 'Astrophys. J.',
                                                           'J. Combin. Theory Ser. A'])[1 + mod(g.h0, 6)]
                                || ' ' || (80 + mod(g.h1, 40)) || ', ' || (1000 + mod(g.h2, 99000)) || ' (' || extract(year FROM g.published) || ')'
                           END,
                           g.id, CASE WHEN g.h0 < 35 THEN '10.1103/PhysRevB.' || g.q || '.' || g.r END,
                           g.cats[1], g.published, 'http://arxiv.org/abs/' || g.id,
                           concat_ws(' ', s1.s, s2.s, c.s, s3.s, s4.s, s5.s, x.s, s6.s, s7.s, s8.s, s9.s, g.formula),
                           g.cats, g.published,
                           CASE WHEN g.h0 < 60 THEN (4 + mod(g.h1, 40)) || ' pages, ' || (1 + mod(g.h2, 12)) || ' figures' END,
                           'https://arxiv.org/pdf/' || g.id
                    FROM (SELECT q, r, '2401.' || lpad((q * 10 + r)::text, 7, '0') || 'v1' AS id,
                                 mod(hashint8extended(q * 10 + r, 0) & 2147483647, 100) AS h0,
                                 hashint8extended(q * 10 + r, 1) & 2147483647 AS h1,
                                 hashint8extended(q * 10 + r, 2) & 2147483647 AS h2,
                                 timestamptz '2007-04-01 00:00:00+00'
                                     + mod(hashint8extended(q * 10 + r, 3) & 2147483647, 18 * 365 * 86400) * interval '1 second' AS published,
                                 (SELECT array_agg(cats[1 + mod(p + o, cardinality(cats))] ORDER BY n)
                                    FROM unnest(ARRAY[0, 1 + mod(hashint8extended(q * 10 + r, 5) & 2147483647, 5),
                                                      6 + mod(hashint8extended(q * 10 + r, 6) & 2147483647, 6)]) WITH ORDINALITY AS u(o, n)
                                   WHERE n <= 1 + mod(hashint8extended(q * 10 + r, 7) & 2147483647, 3)) AS cats,
                                 CASE WHEN mod(hashint8extended(q * 10 + r, 8) & 2147483647, 2) = 0 THEN 'We compare with '
                                      || elements[1 + mod(hashint8extended(q * 10 + r, 9) & 2147483647, cardinality(elements))]
                                      || (1 + mod(hashint8extended(q * 10 + r, 10) & 2147483647, 4))
                                      || elements[1 + mod(hashint8extended(q * 10 + r, 15) & 2147483647, cardinality(elements))]
                                      || (1 + mod(hashint8extended(q * 10 + r, 16) & 2147483647, 7))
                                      || 'O' || (1 + mod(hashint8extended(q * 10 + r, 17) & 2147483647, 9)) || '.' END AS formula,
                                 hashint8extended(q * 10 + r, 11) & 4095 AS a1, hashint8extended(q * 10 + r, 12) & 4095 AS a2,
                                 hashint8extended(q * 10 + r, 13) & 1023 AS b1, hashint8extended(q * 10 + r, 14) & 1023 AS b2,
                                 hashint8extended(q * 10 + r, 21) & 4095 AS e1, hashint8extended(q * 10 + r, 22) & 4095 AS e2,
                                 hashint8extended(q * 10 + r, 23) & 4095 AS e3, hashint8extended(q * 10 + r, 24) & 4095 AS e4,
                                 hashint8extended(q * 10 + r, 25) & 4095 AS e5, hashint8extended(q * 10 + r, 26) & 4095 AS e6,
                                 hashint8extended(q * 10 + r, 27) & 4095 AS e7, hashint8extended(q * 10 + r, 28) & 4095 AS e8,
                                 hashint8extended(q * 10 + r, 29) & 4095 AS e9,
                                 CASE WHEN mod(hashint8extended(q * 10 + r, 30) & 2147483647, %d) = 0
                                      THEN hashint8extended(q * 10 + r, 31) & 63 END AS common,
                                 CASE WHEN mod(hashint8extended(q * 10 + r, 32) & 2147483647, %d) = 0
                                      THEN 64 + (hashint8extended(q * 10 + r, 33) & 63) END AS selective
                          FROM (SELECT string_to_array('%s', ' ') AS cats, string_to_array('%s', ' ') AS elements) AS lists,
                               generate_series(1, %d) AS q, generate_series(0, %d) AS r,
                               LATERAL (SELECT mod(hashint8extended(q * 10 + r, 4) & 2147483647, cardinality(cats)) AS p) AS primary_index
                          OFFSET 0) AS g
                    JOIN bench_author fa ON fa.id = g.a1 LEFT JOIN bench_coauthors co ON co.id = g.a2
                    JOIN bench_title t1 ON t1.id = g.b1 JOIN bench_title t2 ON t2.id = g.b2
                    JOIN bench_sentence s1 ON s1.id = g.e1 JOIN bench_sentence s2 ON s2.id = g.e2 JOIN bench_sentence s3 ON s3.id = g.e3
                    JOIN bench_sentence s4 ON s4.id = g.e4 JOIN bench_sentence s5 ON s5.id = g.e5 JOIN bench_sentence s6 ON s6.id = g.e6
                    JOIN bench_sentence s7 ON s7.id = g.e7 JOIN bench_sentence s8 ON s8.id = g.e8 JOIN bench_sentence s9 ON s9.id = g.e9
                    LEFT JOIN bench_common c ON c.id = g.common LEFT JOIN bench_selective x ON x.id = g.selective"""
                    .formatted(FIRST_TIMESTAMP, COMMON_ROWS_EVERY, SELECTIVE_ROWS_EVERY, CATEGORIES, ELEMENTS, queries, resultsPerQuery - 1));
            System.out.printf("  %,d results inserted in %d s%n", (long) queries * resultsPerQuery, (System.nanoTime() - started) / 1_000_000_000L);
            // hint bits and the visibility map set now, not by the first scenarios' reads or an autovacuum during them
            sql.execute("VACUUM results");
            long indexing = System.nanoTime();
            createIndexes(indexes);
            System.out.printf("  %d indexes created again in %d s%n", indexes.size(), (System.nanoTime() - indexing) / 1_000_000_000L);
            // after the indexes: ANALYZE also gathers the statistics of their expressions (the full-text document's lexemes)
            sql.execute("ANALYZE results");
            // what the scenarios' filters find (counted through the indexes, work_mem large enough for an exact bitmap)
            sql.execute("SET enable_seqscan = off");
            long rows = count(sql, "TRUE");
            long selective = count(sql, "results_document(title, abstract, author) @@ websearch_to_tsquery('english', '" + SELECTIVE_WORD + "')");
            long common = count(sql, "results_document(title, abstract, author) @@ websearch_to_tsquery('english', '" + COMMON_WORD + "')");
            long category = count(sql, "categories && ARRAY['" + CATEGORY + "']");
            try (var sample = sql.executeQuery("""
                    SELECT round(avg(array_length(regexp_split_to_array(abstract, '\\s+'), 1))), round(avg(length(abstract)))
                    FROM results TABLESAMPLE SYSTEM (1) REPEATABLE (1)""")) {
                sample.next();
                System.out.printf(Locale.ROOT, "  %,d results: '%s' in %,d (%.3f %%), '%s' in %,d (%.1f %%), category %s in %,d (%.1f %%); "
                        + "abstracts of %d words, %d characters on average%n", rows, SELECTIVE_WORD, selective, 100.0 * selective / rows,
                        COMMON_WORD, common, 100.0 * common / rows, CATEGORY, category, 100.0 * category / rows, sample.getLong(1),
                        sample.getLong(2));
            }
        }
    }

    static long count(Statement sql, String condition) throws Exception {
        try (var count = sql.executeQuery("SELECT count(*) FROM results WHERE " + condition)) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The space-separated words of a text block (its lines joined by the block's line continuations). */
    static String words(String text) {
        return String.join(" ", text.strip().split("\\s+"));
    }

    /** Every prefix before every vocabulary word, in an order that mixes the prefixes (the tail of the Zipf ranks). */
    static List<String> compounds() {
        List<String> compounds = new ArrayList<>();
        String[] prefixes = PREFIXES.split(" ");
        String[] words = words(VOCABULARY).split(" ");
        for (int w = 0; w < words.length; w++) {
            for (int p = 0; p < prefixes.length; p++) {
                compounds.add(prefixes[(p + w) % prefixes.length] + words[w]);
            }
        }
        return compounds;
    }

    /** The index definitions given, two at a time (the full-text one alone takes most of the time), each connection with 1 GB to build in. */
    void createIndexes(List<String> definitions) throws Exception {
        java.util.concurrent.ConcurrentLinkedQueue<String> queue = new java.util.concurrent.ConcurrentLinkedQueue<>(definitions);
        java.util.concurrent.ExecutorService builders = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int b = 0; b < 2; b++) {
                done.add(builders.submit(() -> {
                    try (Connection db = launcher.postgres().connect("arxiv"); Statement sql = db.createStatement()) {
                        sql.execute("SET maintenance_work_mem = '1GB'");
                        for (String definition; (definition = queue.poll()) != null;) {
                            sql.execute(definition);
                        }
                    }
                    return null;
                }));
            }
            for (var builder : done) {
                builder.get();
            }
        } finally {
            builders.shutdown();
        }
    }

    void scenarios() throws Exception {
        String results = url("backend-results");
        warmUp();

        Wrk firstPage = wrk("GET /results first page", frontend + "/results?items_per_page=10");
        report("GET /results, first page", firstPage, "≥ 1,900 req/s, p99 < 50 ms",
                firstPage.rps >= 1900 && firstPage.p99Millis < 50);
        Wrk direct = wrk("backend-results /read-results first page", results + "/read-results?items_per_page=10");
        report("backend-results `/read-results` directly (ceiling of the hop)", direct, "", null);
        if (firstPage != SKIPPED && direct != SKIPPED) {
            double hop = firstPage.rps / direct.rps;
            rows.add(new String[] {"frontend hop cost", String.format(Locale.ROOT, "GET /results = %.0f %% of direct", hop * 100), "",
                    "≥ 65 %", mark(hop >= 0.65)});
        }

        long deepPage = Math.max(2, (long) queries * resultsPerQuery / 10 / 2);
        if (selected("deep page by cursor")) {
            String cursor = nextCursor("/results?items_per_page=10&page=" + (deepPage - 1));
            Wrk byCursor = wrk("deep page by cursor", frontend + "/results?items_per_page=10&cursor=" + cursor);
            report("GET /results, page " + String.format("%,d", deepPage) + " by `cursor`", byCursor, "≤ 1.2 × first-page latency",
                    byCursor.p50Millis <= 1.2 * firstPage.p50Millis);
        }
        Wrk byOffset = wrk("deep page by offset", frontend + "/results?items_per_page=10&page=" + deepPage);
        report("GET /results, page " + String.format("%,d", deepPage) + " by `page` (offset)", byOffset, "≥ 30 req/s",
                byOffset.rps >= 30);
        Wrk byQuery = wrk("results of one query", frontend + "/results?query_id=" + (queries / 2));
        report("GET /results?query_id=", byQuery, "", null);

        filters(firstPage);
        exports();

        Wrk search = wrk("GET /arxiv, repeated", frontend + "/arxiv?title=electron&max_results=10");
        report("GET /arxiv, one search repeated (arxiv-api's cache answers; each stores a query and 10 results)", search,
                "≥ 300 req/s", search.rps >= 300);
        abandonedDownloadsDuring(search);
        Wrk distinct = wrk("GET /arxiv, distinct", frontend + "/", "bench/distinct-searches.lua", Map.of());
        report("GET /arxiv, every search different (one stand-in call each, pacing off)", distinct, "", null);

        long start = FIRST_TIMESTAMP + 60;
        Wrk history = wrk("POST /queries 10,000", frontend + "/queries", "bench/post-json.lua", Map.of("BENCH_BODY",
                "{\"start_timestamp\": " + start + ", \"end_timestamp\": " + (start + 9_999 * 60) + "}"));
        report("POST /queries, 10,000 rows", history, "≥ 45 req/s", history.rps >= 45);
        Wrk smallHistory = wrk("POST /queries 50", frontend + "/queries", "bench/post-json.lua", Map.of("BENCH_BODY",
                "{\"start_timestamp\": " + start + ", \"end_timestamp\": " + (start + 49 * 60) + "}"));
        report("POST /queries, 50 rows", smallHistory, "", null);

        download();

        Wrk sequence = wrk("get-sequence", url("backend-sequence") + "/get-sequence");
        report("backend-sequence `/get-sequence`", sequence, "", null);
        Wrk writes = wrk("write-results of 2,000", results + "/write-results", "bench/write-results.lua", Map.of(), "1", "2");
        report("backend-results `/write-results` of 2,000 results (2 connections)", writes, "", null);

        Wrk everyParameter = wrk("GET /arxiv, every optional parameter", frontend + "/arxiv?" + EVERY_PARAMETER);
        report("GET /arxiv with every optional parameter, repeated (arxiv-api's cache answers)", everyParameter, "", null);
        Wrk paper = wrk("GET /papers/{id}", frontend + "/papers/" + PAPER);
        report("GET /papers/" + PAPER + " (stored by " + PAPER_SIGHTINGS + " queries, 3 versions)", paper, "", null);
        watches(search, distinct);
    }

    /** Every optional parameter of GET /arxiv at once (issue 23's scenario of the full query). */
    static final String EVERY_PARAMETER = "title=electron%20gas&author=%22del%20maestro%22&abstract=quantum&all=spin&journal=Phys"
            + "&category=cond-mat.str-el,cs.LG&ids=2405.01234&submitted_from=2024-01-01&submitted_to=2024-12-31&sort_by=submitted"
            + "&sort_order=ascending&start=5&max_results=10";
    /** The paper of the papers-view scenario: seeded in {@link #PAPER_SIGHTINGS} queries of its own, in three versions. */
    static final String PAPER = "2405.01234";
    static final int PAPER_SIGHTINGS = 20;
    static final int WATCHES = 10_000;

    /**
     * Issue 24 at scale: 10,000 watches, all due at once, made through backend-watches; how fast they are
     * made; the frontend's runner runs them (every second here) while interactive searches go on, whose latency
     * is compared with the same search alone; how fast due runs are claimed (claims of 100 straight from
     * backend-watches, as runners would); a watch's feed. The watches are deleted afterwards, so that nothing
     * runs during the measurements that follow.
     */
    void watches(Wrk searchAlone, Wrk distinctAlone) throws Exception {
        if (!selected("watches")) {
            return;
        }
        String watches = url("backend-watches");
        int count = quick ? 500 : WATCHES;
        long started = System.nanoTime();
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(16);
        java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.CompletableFuture<?>> creates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            String body = "{\"name\": \"bench watch " + i + "\", \"every\": \"PT1H\", \"search\": {\"title\": \"bench watch " + i
                    + "\", \"max_results\": \"10\"}}";
            creates.add(http.sendAsync(HttpRequest.newBuilder(URI.create(watches + "/watches")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((answer, failure) -> {
                        inFlight.release();
                        if (failure != null || answer.statusCode() != 201) {
                            failed.incrementAndGet();
                        }
                    }));
        }
        java.util.concurrent.CompletableFuture.allOf(creates.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        double createSeconds = (System.nanoTime() - started) / 1e9;
        rows.add(new String[] {String.format(Locale.ROOT, "backend-watches: %,d watches made (16 at once)", count),
                String.format(Locale.ROOT, "%,.0f watches/s", count / createSeconds), failed.get() + " failed", "", ""});

        // the runner of the frontend works through the backlog meanwhile; interactive searches must keep their latency
        long runsBefore = watchRuns();
        long runStart = System.nanoTime();
        Wrk during = wrk("GET /arxiv, repeated, while watches run", frontend + "/arxiv?title=electron&max_results=10");
        double runSeconds = (System.nanoTime() - runStart) / 1e9;
        long runs = watchRuns() - runsBefore;
        report(String.format(Locale.ROOT, "GET /arxiv repeated while the runner works through %,d due watches", count), during,
                String.format(Locale.ROOT, "p99 < 3 × alone (%.1f ms)", searchAlone.p99Millis),
                searchAlone == SKIPPED ? null : during.p99Millis < 3 * searchAlone.p99Millis);
        // searches the cache cannot answer: each needs arxiv-api's one call at a time, as the runs do, which
        // wait behind them (a 429 or 503 here would count as failed)
        Wrk distinctDuring = wrk("GET /arxiv, distinct, while watches run", frontend + "/", "bench/distinct-searches.lua",
                Map.of("BENCH_TITLE_PREFIX", "during"));
        report("GET /arxiv, every search different, while the runner works (the runs wait behind them for arxiv-api's one call at a time)",
                distinctDuring, String.format(Locale.ROOT, "p99 < 3 × alone (%.1f ms), none refused", distinctAlone.p99Millis),
                distinctAlone == SKIPPED ? null : distinctDuring.p99Millis < 3 * distinctAlone.p99Millis);
        rows.add(new String[] {"watch runs meanwhile (each a stored search through the stand-in, pacing off)",
                String.format(Locale.ROOT, "%,d runs in %.0f s = %.1f runs/s", runs, runSeconds, runs / runSeconds), "", "", ""});

        String feedOf;
        try (Connection db = launcher.postgres().connect("arxiv"); Statement sql = db.createStatement();
                var first = sql.executeQuery("SELECT min(watch_id) FROM watches WHERE last_query_id IS NOT NULL")) {
            first.next();
            feedOf = first.getString(1);
        }
        if (feedOf != null) {
            Wrk feed = wrk("GET /watches/{id}/feed.atom", frontend + "/watches/" + feedOf + "/feed.atom");
            report("GET /watches/{id}/feed.atom (a watch with 10 new papers)", feed, "", null);
        }

        long claimStart = System.nanoTime();
        int claimed = 0;
        int batches = 0;
        while (true) {
            HttpResponse<String> claim = http.send(HttpRequest.newBuilder(URI.create(watches + "/claims?limit=100&lease_seconds=3600"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            // each claimed run is {"watch": {...}, "claim": "<uuid>"}: counted by its claim
            int got = claim.statusCode() == 200 ? (int) Pattern.compile("\"claim\"\\s*:").matcher(claim.body()).results().count() : 0;
            if (got == 0) {
                break;
            }
            claimed += got;
            batches++;
        }
        double claimSeconds = (System.nanoTime() - claimStart) / 1e9;
        rows.add(new String[] {"backend-watches: due runs claimed, 100 a claim (index on next_run, FOR UPDATE SKIP LOCKED)",
                String.format(Locale.ROOT, "%,d claimed in %,d claims, %.2f s = %,.0f runs/s", claimed, batches, claimSeconds,
                        claimed / claimSeconds), "", "", ""});
        try (Connection db = launcher.postgres().connect("arxiv"); Statement sql = db.createStatement()) {
            sql.execute("DELETE FROM watches");
        }
    }

    /** Stored queries of watch runs so far. */
    long watchRuns() throws Exception {
        try (Connection db = launcher.postgres().connect("arxiv"); Statement sql = db.createStatement();
                var count = sql.executeQuery("SELECT count(*) FROM queries WHERE watch_id IS NOT NULL")) {
            count.next();
            return count.getLong(1);
        }
    }

    /**
     * The filters of GET /results (issue 21) on the seeded results: a full-text first page for a selective and
     * for a common word, a category's first page, and a page of that category deep in its listing (half-way
     * through it) by cursor. Each must answer with p99 < 50 ms and at least a third of the unfiltered first
     * page's rate in the same run. A filtered page is two statements in backend-results, the page and
     * {@code count(*)} for {@code total}.
     */
    void filters(Wrk firstPage) throws Exception {
        Map<String, String> cursors = new java.util.LinkedHashMap<>();
        filter("GET /results?q= selective first page", "GET /results?q=" + SELECTIVE_WORD + " (" + share(SELECTIVE_ROWS_EVERY)
                + " of the results), first page", "/results?items_per_page=10&q=" + SELECTIVE_WORD, firstPage);
        filter("GET /results?q= common first page", "GET /results?q=" + COMMON_WORD + " (" + share(COMMON_ROWS_EVERY)
                + " of the results), first page", "/results?items_per_page=10&q=" + COMMON_WORD, firstPage);
        filter("GET /results?category= first page", "GET /results?category=" + CATEGORY + ", first page",
                "/results?items_per_page=10&category=" + CATEGORY, firstPage);
        String deepLabel = "GET /results?category= deep page by cursor";
        if (selected(deepLabel)) {
            // half-way through the category's listing: the cursor after that many rows, reached by page (offset) in pages of 100
            long total = total("/results?items_per_page=1&category=" + CATEGORY);
            long deepRows = Math.max(100, total / 2 / 100 * 100);
            String cursor = nextCursor("/results?items_per_page=100&category=" + CATEGORY + "&page=" + (deepRows / 100 - 1));
            cursors.put("category", cursor);
            filter(deepLabel, String.format(Locale.ROOT, "GET /results?category=%s, the page after %,d of its %,d rows by `cursor`",
                    CATEGORY, deepRows, total), "/results?items_per_page=10&category=" + CATEGORY + "&cursor=" + cursor, firstPage);
        }
        if (System.getenv("BENCH_EXPLAIN") != null) {
            explain(cursors.get("category"));
        }
    }

    /** backend-results' column list and statements for a filtered page (FilteredQuery, ResultRepository), for BENCH_EXPLAIN. */
    static final String COLUMNS = "query_id, result_number, arxiv_id, title, author, journal, doi, primary_category, published, url, "
            + "abstract, categories, updated, comment, pdf_url";
    static final String FULL_TEXT = "document @@ websearch_to_tsquery('english', $1)";
    static final String IN_CATEGORIES = "categories && $1::text[]";

    /**
     * With BENCH_EXPLAIN set: EXPLAIN (ANALYZE, BUFFERS) of the two statements backend-results runs for each
     * filter scenario (the page, and count(*) for total), prepared with their parameters as the service's
     * cached prepared statements are, once planned for the values (a custom plan, what the first five
     * executions on a connection get) and once generic (what PostgreSQL may switch to after them).
     */
    void explain(String categoryCursor) throws Exception {
        String order = " ORDER BY query_id, result_number";
        List<String[]> statements = new ArrayList<>();
        statements.add(new String[] {"q=" + SELECTIVE_WORD + ", page", "text, int4, int8",
                "SELECT " + COLUMNS + " FROM results WHERE " + FULL_TEXT + order + " LIMIT $2 OFFSET $3", "'" + SELECTIVE_WORD + "', 11, 0"});
        statements.add(new String[] {"q=" + SELECTIVE_WORD + ", total", "text", "SELECT count(*) FROM results WHERE " + FULL_TEXT,
                "'" + SELECTIVE_WORD + "'"});
        statements.add(new String[] {"q=" + COMMON_WORD + ", page", "text, int4, int8",
                "SELECT " + COLUMNS + " FROM results WHERE " + FULL_TEXT + order + " LIMIT $2 OFFSET $3", "'" + COMMON_WORD + "', 11, 0"});
        statements.add(new String[] {"q=" + COMMON_WORD + ", total", "text", "SELECT count(*) FROM results WHERE " + FULL_TEXT,
                "'" + COMMON_WORD + "'"});
        statements.add(new String[] {"category=" + CATEGORY + ", page", "text[], int4, int8",
                "SELECT " + COLUMNS + " FROM results WHERE " + IN_CATEGORIES + order + " LIMIT $2 OFFSET $3", "'{" + CATEGORY + "}', 11, 0"});
        statements.add(new String[] {"category=" + CATEGORY + ", total", "text[]", "SELECT count(*) FROM results WHERE " + IN_CATEGORIES,
                "'{" + CATEGORY + "}'"});
        if (categoryCursor != null) {
            String[] position = new String(java.util.Base64.getUrlDecoder().decode(categoryCursor.substring(0, categoryCursor.indexOf('.'))),
                    StandardCharsets.US_ASCII).split("\\|");
            statements.add(new String[] {"category=" + CATEGORY + ", page after (" + position[2] + ", " + position[3] + ") by cursor",
                    "text[], int8, int4, int4, int8", "SELECT " + COLUMNS + " FROM results WHERE " + IN_CATEGORIES
                            + " AND (query_id, result_number) > ($2, $3)" + order + " LIMIT $4 OFFSET $5",
                    "'{" + CATEGORY + "}', " + position[2] + ", " + position[3] + ", 11, 0"});
        }
        try (Connection db = launcher.postgres().connect("arxiv"); Statement sql = db.createStatement()) {
            for (String[] statement : statements) {
                for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                    System.out.println("== EXPLAIN " + statement[0] + " (" + mode + "): " + statement[2] + " with (" + statement[3] + ")");
                    sql.execute("SET plan_cache_mode = " + mode);
                    sql.execute("PREPARE bench_explain(" + statement[1] + ") AS " + statement[2]);
                    try (var plan = sql.executeQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_explain(" + statement[3] + ")")) {
                        while (plan.next()) {
                            System.out.println(plan.getString(1));
                        }
                    } finally {
                        sql.execute("DEALLOCATE bench_explain");
                    }
                }
            }
        }
    }

    static String share(int every) {
        return String.format(Locale.ROOT, "%s %%", new java.math.BigDecimal(100.0 / every).round(new java.math.MathContext(2))
                .stripTrailingZeros().toPlainString());
    }

    /**
     * One filter scenario, against its target: p99 < 50 ms and ≥ 1/3 of the unfiltered first page's rate
     * (same run), counting 2xx answers only. It starts once /results answers again (the frontend's circuit
     * breaker for backend-results, which all /results reads share, may have been opened by the scenario
     * before), and three requests one at a time first tell the latency of one request without load.
     */
    void filter(String label, String scenario, String path, Wrk firstPage) throws Exception {
        if (!selected(label)) {
            return;
        }
        ready();
        String alone = alone(path);
        System.out.println("  " + label + ", " + alone);
        Wrk filtered = wrk(label, frontend + path);
        String target = "p99 < 50 ms, ≥ 1/3 of the first page's rate";
        if (firstPage == SKIPPED) {
            report(scenario, filtered, target + " (first page not run)", null);
        } else {
            report(scenario, filtered, target + String.format(Locale.ROOT, " (%,.0f req/s)", firstPage.rps / 3),
                    filtered.p99Millis < 50 && filtered.okRps >= firstPage.rps / 3);
        }
        String[] row = rows.get(rows.size() - 1);
        row[2] = row[2] + "; " + alone;
    }

    /**
     * Waits until the database is quiet and the unfiltered first page has been answered 200 for 6 s in a row
     * (longer than the circuit breaker's 5 s delay: late failures of the scenario before may open it again),
     * at most 90 s.
     */
    void ready() throws Exception {
        settle("the next filter scenario");
        long started = System.nanoTime();
        long good = 0;
        while (good < 6 && System.nanoTime() - started < 90_000_000_000L) {
            int status = http.send(HttpRequest.newBuilder(URI.create(frontend + "/results?items_per_page=1")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            good = status == 200 ? good + 1 : 0;
            Thread.sleep(1000);
        }
        long waited = (System.nanoTime() - started) / 1_000_000_000L;
        if (waited > 7) {
            System.out.printf("  (waited %d s for /results to answer 200 again)%n", waited);
        }
    }

    /** Three GETs of {@code path} one after the other: the median time and the statuses. */
    String alone(String path) throws Exception {
        List<Long> millis = new ArrayList<>();
        java.util.Set<Integer> statuses = new java.util.TreeSet<>();
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(frontend + path)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.discarding());
            millis.add((System.nanoTime() - started) / 1_000_000);
            statuses.add(answer.statusCode());
        }
        java.util.Collections.sort(millis);
        return String.format(Locale.ROOT, "one at a time %,d ms (%s)", millis.get(1),
                String.join(", ", statuses.stream().map(String::valueOf).toList()));
    }

    /** {@code total} of the JSON page at {@code path}. */
    long total(String path) throws Exception {
        HttpResponse<String> page = get(path);
        Matcher total = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(page.body());
        if (page.statusCode() != 200 || !total.find()) {
            throw new IllegalStateException("no total in " + path + ": " + page.statusCode() + " " + page.body());
        }
        return Long.parseLong(total.group(1));
    }

    /**
     * The repeated search again while history downloads of the whole table are started and abandoned
     * (after 0 to 64 KiB, with a reset) as fast as 8 clients can: searches must keep their latency, since
     * a stream holds at most one of a bounded number of read connections and is given back at once.
     */
    void abandonedDownloadsDuring(Wrk normal) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong abandoned = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        int port = URI.create(frontend).getPort();
        for (int c = 0; c < 8; c++) {
            Thread client = new Thread(() -> {
                java.util.Random random = new java.util.Random();
                while (running.get()) {
                    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                        socket.setSoLinger(true, 0);
                        socket.setSoTimeout(5000);
                        socket.getOutputStream().write("GET /queries?start_timestamp=0 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        socket.getInputStream().readNBytes(random.nextInt(64 * 1024));
                        abandoned.incrementAndGet();
                    } catch (IOException e) {
                        // refused (503 ends early) or reset: the next one
                    }
                }
            }, "bench-abandon-" + c);
            client.setDaemon(true);
            client.start();
            clients.add(client);
        }
        long started = System.nanoTime();
        Wrk during = wrk("GET /arxiv, repeated, downloads abandoned", frontend + "/arxiv?title=electron&max_results=10");
        double seconds = (System.nanoTime() - started) / 1e9;
        running.set(false);
        for (Thread client : clients) {
            client.join(10_000);
        }
        if (during == SKIPPED) {
            return;
        }
        rows.add(new String[] {String.format(Locale.ROOT, "GET /arxiv repeated while %.0f downloads/s are abandoned (8 clients)",
                abandoned.get() / seconds), String.format(Locale.ROOT, "%,.0f req/s", during.rps),
                String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms (alone: p50 %.1f, p99 %.1f)%s", during.p50Millis, during.p99Millis,
                        normal.p50Millis, normal.p99Millis, during.failures > 0 ? ", " + during.failures + " failed" : ""),
                "p99 < 3 × alone", mark(during.failures == 0 && during.p99Millis < 3 * Math.max(normal.p99Millis, 1))});
    }

    /**
     * Compiles the hot paths first, as in a service that has been running: the C2 compiler needs tens of
     * thousands of requests (measured: GET /results went from 700 to 3,700 req/s between the first and
     * the third 20 s run) before the figures mean anything.
     */
    void warmUp() throws Exception {
        System.out.println("Warming up ...");
        String seconds = quick ? "1s" : "15s";
        long start = FIRST_TIMESTAMP + 60;
        for (String path : List.of("/results?items_per_page=10", "/results?query_id=1", "/results?items_per_page=10&page=3",
                "/arxiv?title=warm&max_results=10")) {
            run(List.of("wrk", "-t2", "-c16", "-d" + seconds, frontend + path));
        }
        run(List.of("wrk", "-t2", "-c16", "-d" + seconds, "-s", "bench/post-json.lua", frontend + "/queries"),
                Map.of("BENCH_BODY", "{\"start_timestamp\": " + start + ", \"end_timestamp\": " + (start + 999 * 60) + "}"));
        run(List.of("wrk", "-t2", "-c16", "-d" + seconds, url("backend-results") + "/read-results?items_per_page=10"));
        run(List.of("wrk", "-t2", "-c16", "-d" + seconds, url("backend-sequence") + "/get-sequence"));
    }

    /** GET /queries of the whole download set: time, bytes per second, the frontend's peak RSS growth. */
    void download() throws Exception {
        if (!selected("GET /queries download")) {
            return;
        }
        Streamed download = stream(frontend + "/queries?start_timestamp=" + DOWNLOAD_FIRST_TIMESTAMP + "&end_timestamp="
                + (DOWNLOAD_FIRST_TIMESTAMP + downloadRows), false);
        String figure = String.format(Locale.ROOT, "%,d rows, %.1f MB in %.2f s = %.1f MB/s; frontend RSS +%d MiB (status %d)",
                downloadRows, download.bytes / 1e6, download.seconds, download.mbPerSecond(), download.growthMiB, download.status);
        System.out.println("GET /queries download: " + figure);
        rows.add(new String[] {"GET /queries, " + String.format("%,d", downloadRows) + " rows", figure, "",
                "≥ 50 MB/s, RSS growth < 64 MB", mark(download.status == 200 && download.mbPerSecond() >= 50 && download.growthMiB < 64)});
    }

    /**
     * GET /results?format=csv and ?format=bibtex, no filter: every stored result as an attachment, measured as
     * the history download (MB/s, the frontend's peak RSS growth), with a count of what came as a check: the
     * lines of the CSV (one a row plus the header, unless a quoted cell holds a line break) and the BibTeX
     * entries (lines starting with {@code @}), beside the rows stored at that moment. An answer that is not
     * an export (a JSON page, a 400: the feature is not there yet) is reported as not available.
     */
    void exports() throws Exception {
        for (String format : List.of("csv", "bibtex")) {
            String label = "GET /results?format=" + format + " export";
            if (!selected(label)) {
                continue;
            }
            long stored;
            long versions;
            try (Connection db = launcher.postgres().connect("arxiv"); Statement sql = db.createStatement();
                    var counts = sql.executeQuery("SELECT count(*), count(DISTINCT arxiv_id) + count(*) FILTER (WHERE arxiv_id IS NULL) FROM results")) {
                counts.next();
                stored = counts.getLong(1);
                versions = counts.getLong(2);
            }
            Streamed export = stream(frontend + "/results?format=" + format, true);
            String scenario = String.format(Locale.ROOT, "GET /results?format=%s, every stored result (%,d)", format, stored);
            String target = "≥ 50 MB/s, RSS growth < 64 MB";
            String type = export.contentType == null ? "no content type" : export.contentType;
            if (export.status != 200 || type.startsWith("application/json")) {
                String figure = String.format(Locale.ROOT, "not available (status %d, %s, %,d bytes)", export.status, type, export.bytes);
                System.out.println(label + ": " + figure);
                rows.add(new String[] {scenario, figure, "", target, "not available"});
                continue;
            }
            // BibTeX has an entry per paper version (a version found by several queries once), CSV a line per row
            long records = format.equals("csv") ? Math.max(0, export.lines - 1) : export.entries;
            String count = format.equals("csv")
                    ? String.format(Locale.ROOT, "%,d lines (%,d rows + header stored)", export.lines, stored)
                    : String.format(Locale.ROOT, "%,d entries (%,d paper versions among %,d rows stored)", export.entries, versions, stored);
            String figure = String.format(Locale.ROOT, "%.1f MB in %.2f s = %.1f MB/s, %,.0f records/s; frontend RSS +%d MiB; %s (status %d, %s)",
                    export.bytes / 1e6, export.seconds, export.mbPerSecond(), records / export.seconds, export.growthMiB, count, export.status,
                    type);
            System.out.println(label + ": " + figure);
            rows.add(new String[] {scenario, figure, "", target, mark(export.mbPerSecond() >= 50 && export.growthMiB < 64)});
        }
    }

    /** A streamed answer read to its end: its status and type, bytes, line breaks and lines starting with '@', time, frontend RSS growth. */
    record Streamed(int status, String contentType, long bytes, long lines, long entries, double seconds, long growthMiB) {
        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    /** GET {@code url}, read to the end (and counted, with {@code count}), while the frontend's RSS is sampled every 20 ms. */
    Streamed stream(String url, boolean count) throws Exception {
        long pid = launcher.service("frontend-service").pid();
        long before = rssKiB(pid);
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                try {
                    peak.accumulateAndGet(rssKiB(pid), Math::max);
                    Thread.sleep(20);
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.start();
        long started = System.nanoTime();
        long bytes = 0;
        long lines = 0;
        long entries = 0;
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[65536];
            byte previous = '\n';
            for (int n; (n = body.read(buffer)) > 0;) {
                bytes += n;
                for (int i = 0; count && i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        lines++;
                    } else if (b == '@' && previous == '\n') {
                        entries++;
                    }
                    previous = b;
                }
            }
        } finally {
            running.set(false);
            sampler.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Streamed(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), bytes, lines, entries,
                seconds, (peak.get() - before) / 1024);
    }

    void memoryAfterLoad() throws Exception {
        StringBuilder figures = new StringBuilder();
        boolean all = true;
        for (String name : SERVICES) {
            long mib = rssKiB(launcher.service(name).pid()) / 1024;
            all &= mib <= 140;
            figures.append(figures.length() == 0 ? "" : ", ").append(shortName(name)).append(' ').append(mib).append(" MiB");
        }
        if (System.getenv("BENCH_DIAGNOSE") != null) {
            diagnose();
        }
        String flags = String.join(" ", ServiceProcess.jvmOptions(System.getenv()));
        rows.add(new String[] {"RSS per service after load (`" + flags + "`)", figures.toString(), "", "≤ 140 MiB", mark(all)});
    }

    /**
     * With BENCH_DIAGNOSE set: where each service's memory is after the load, for the profile behind a miss
     * (the heap's generations, and native memory tracking's summary when JAVA_OPTS turns it on).
     */
    void diagnose() throws Exception {
        for (String name : SERVICES) {
            long pid = launcher.service(name).pid();
            System.out.println("== " + name + " (pid " + pid + ")");
            System.out.println(run(List.of("jcmd", String.valueOf(pid), "GC.heap_info")));
            String nmt = run(List.of("jcmd", String.valueOf(pid), "VM.native_memory", "summary"));
            nmt.lines().filter(line -> line.contains("committed=") && line.startsWith("-") || line.startsWith("Total"))
                    .forEach(System.out::println);
        }
    }

    /** BENCH_ONLY's value for a run of {@link #startup()} alone (no data seeded, no scenario). */
    static final String STARTUP = "start-up";

    /**
     * Each service stopped and started alone, {@link #starts} times: process start to /q/health/ready (the
     * median, and the range), then its RSS at rest 2 s after ready (the median). Issue 23's goals: ready
     * within 0.8 s, at most 110 MiB at rest.
     */
    void startup() throws Exception {
        StringBuilder ready = new StringBuilder();
        StringBuilder idle = new StringBuilder();
        boolean fast = true;
        boolean small = true;
        for (String name : SERVICES) {
            ServiceProcess service = launcher.service(name);
            List<Long> millis = new ArrayList<>();
            List<Long> rss = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                service.stop();
                long started = System.nanoTime();
                service.start();
                awaitReady(name, service, started);
                millis.add((System.nanoTime() - started) / 1_000_000);
                Thread.sleep(2000);
                rss.add(rssKiB(service.pid()) / 1024);
            }
            long medianMillis = median(millis);
            long medianRss = median(rss);
            fast &= medianMillis <= 800;
            small &= medianRss <= 110;
            System.out.printf("start-up of %s: %s ms, at rest %s MiB%n", name, millis, rss);
            ready.append(ready.length() == 0 ? "" : ", ").append(shortName(name)).append(' ').append(medianMillis).append(" ms");
            if (starts > 1) {
                ready.append(" (").append(java.util.Collections.min(millis)).append('–').append(java.util.Collections.max(millis)).append(')');
            }
            idle.append(idle.length() == 0 ? "" : ", ").append(shortName(name)).append(' ').append(medianRss).append(" MiB");
        }
        String of = starts > 1 ? "median of " + starts + " starts each" : "one start each";
        rows.add(new String[] {"start-up, process start to ready (one service at a time, " + of + ")", ready.toString(), "", "≤ 0.8 s",
                mark(fast)});
        rows.add(new String[] {"RSS per service at rest, 2 s after ready (" + of + ")", idle.toString(), "", "≤ 110 MiB", mark(small)});
    }

    /** Polls the service's readiness every 10 ms from {@code started} (nanoTime) until it answers 200. */
    void awaitReady(String name, ServiceProcess service, long started) throws Exception {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        while (true) {
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() - started > 60_000_000_000L) {
                throw new IllegalStateException(name + " not ready within 60 s");
            }
            Thread.sleep(10);
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** wrk's figures; {@code failures}: non-2xx answers and socket errors (timeouts included); {@code okRps}: 2xx answers a second. */
    record Wrk(double rps, double p50Millis, double p99Millis, long requests, long failures, double okRps, String failed) {
    }

    Wrk wrk(String label, String url) throws Exception {
        return wrk(label, url, null, Map.of());
    }

    Wrk wrk(String label, String url, String script, Map<String, String> environment) throws Exception {
        return wrk(label, url, script, environment, "2", "16");
    }

    /** What {@link #wrk} answers for a scenario that BENCH_ONLY leaves out. */
    static final Wrk SKIPPED = new Wrk(0, 0, 0, 0, 0, 0, "");

    /** Whether the scenario {@code label} runs: always, unless BENCH_ONLY is set and does not match it. */
    boolean selected(String label) {
        return only == null || label.matches(only);
    }

    Wrk wrk(String label, String url, String script, Map<String, String> environment, String threads, String connections)
            throws Exception {
        if (!selected(label)) {
            return SKIPPED;
        }
        settle(label);
        // the same load for a few seconds first, not measured: the code this scenario runs may have been
        // deoptimised by the scenarios before it (shared call sites), and is compiled again here
        run(wrkCommand(warmUp, threads, connections, script, url), environment);
        Map<String, Long> statusesBefore = statuses(url);
        String out = run(wrkCommand(duration, threads, connections, script, url), environment);
        double rps = number(out, "Requests/sec:\\s+([\\d.]+)");
        long requests = (long) number(out, "(\\d+) requests in");
        long failures = failures(out);
        Wrk result = new Wrk(rps, millis(out, "50%"), millis(out, "99%"), requests, failures,
                requests == 0 ? 0 : rps * Math.max(0, requests - non2xx(out)) / requests,
                failures == 0 ? "" : failedAs(statusesBefore, statuses(url), out));
        System.out.printf(Locale.ROOT, "%-45s %9.1f req/s  p50 %7.2f ms  p99 %7.2f ms  %d failed%s%n", label, result.rps,
                result.p50Millis, result.p99Millis, result.failures,
                result.failures > 0 ? String.format(Locale.ROOT, " (%.1f req/s answered 2xx; %s)", result.okRps, result.failed) : "");
        return result;
    }

    /**
     * Waits until the database runs no statement of a client before a scenario: one slower than its load
     * leaves statements behind (requests given up by wrk, or answered 504 by the frontend, go on in
     * PostgreSQL, and backend-results still runs those queued for a connection), which must not run into
     * the next scenario. After 15 s, what is still running is cancelled (pg_cancel_backend) until the
     * database is quiet, and the count printed.
     */
    void settle(String label) throws Exception {
        long started = System.nanoTime();
        long cancelled = 0;
        int quiet = 0;
        try (Connection db = launcher.postgres().connect("postgres"); Statement sql = db.createStatement()) {
            while (quiet < 3) {
                long waited = (System.nanoTime() - started) / 1_000_000_000L;
                try (var active = sql.executeQuery("""
                        SELECT pid FROM pg_stat_activity
                         WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'""")) {
                    List<Integer> running = new ArrayList<>();
                    while (active.next()) {
                        running.add(active.getInt(1));
                    }
                    quiet = running.isEmpty() ? quiet + 1 : 0;
                    if (!running.isEmpty() && waited >= 15) {
                        for (int pid : running) {
                            try (var cancel = db.createStatement().executeQuery("SELECT pg_cancel_backend(" + pid + ")")) {
                                cancelled++;
                            }
                        }
                    }
                    if (waited >= 300) {
                        System.out.printf("  (%d statements still running after 300 s; %s starts beside them)%n", running.size(), label);
                        return;
                    }
                }
                Thread.sleep(quiet > 0 ? 100 : 500);
            }
        }
        long waited = (System.nanoTime() - started) / 1_000_000_000L;
        if (waited > 0 || cancelled > 0) {
            System.out.printf("  (before %s: waited %d s for the statements of the scenario before, %d cancelled after 15 s)%n", label,
                    waited, cancelled);
        }
    }

    static List<String> wrkCommand(String duration, String threads, String connections, String script, String url) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + duration, "--latency",
                "--timeout", "30s"));
        if (script != null) {
            command.addAll(List.of("-s", script));
        }
        command.add(url);
        return command;
    }

    void report(String scenario, Wrk wrk, String target, Boolean met) {
        if (wrk == SKIPPED) {
            return;
        }
        rows.add(new String[] {scenario, wrk.failures == 0 ? String.format(Locale.ROOT, "%,.0f req/s", wrk.rps)
                : String.format(Locale.ROOT, wrk.okRps < 10 ? "%.1f req/s answered 2xx (%,.0f req/s in all)"
                        : "%,.0f req/s answered 2xx (%,.0f req/s in all)", wrk.okRps, wrk.rps),
                String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms%s", wrk.p50Millis, wrk.p99Millis,
                        wrk.failures > 0 ? ", " + wrk.failures + " failed (" + wrk.failed + ")" : ""),
                target, met == null ? "" : mark(met && wrk.failures == 0)});
    }

    /**
     * GET {@code path} of the frontend, once the database is quiet, asked again for up to a minute while the
     * answer is a 5xx (after a scenario that overloaded backend-results, the frontend's circuit breaker
     * answers 503 for a while).
     */
    HttpResponse<String> get(String path) throws Exception {
        settle("GET " + path);
        long started = System.nanoTime();
        while (true) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(frontend + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() < 500 || System.nanoTime() - started > 60_000_000_000L) {
                return answer;
            }
            Thread.sleep(1000);
        }
    }

    String nextCursor(String path) throws Exception {
        HttpResponse<String> page = get(path);
        String link = page.headers().firstValue("Link").orElseThrow(() -> new IllegalStateException("no Link on " + path));
        Matcher cursor = Pattern.compile("cursor=([^&>]+)").matcher(link);
        if (!cursor.find()) {
            throw new IllegalStateException("no cursor in " + link);
        }
        return cursor.group(1);
    }

    String url(String service) {
        return launcher.service(service).url();
    }

    static String run(List<String> command) throws Exception {
        return run(command, Map.of());
    }

    static String run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    /** A percentile of wrk's latency distribution, in milliseconds. */
    static double millis(String text, String percentile) {
        Matcher m = Pattern.compile("\\s" + percentile + "\\s+([\\d.]+)(us|ms|s)").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " in:\n" + text);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    /** One series of {@code http_server_requests_seconds_count}: its status and uri labels, and its count. */
    static final Pattern REQUEST_COUNT = Pattern.compile("^http_server_requests_seconds_count\\{([^}]*)} ([0-9.eE+]+)$", Pattern.MULTILINE);

    /**
     * The answers the service under {@code url} has given so far by status, from its own metrics (the probes'
     * and the metrics' own requests left out); empty when its metrics cannot be read. The difference across
     * a scenario says which statuses its failures were, which wrk does not.
     */
    Map<String, Long> statuses(String url) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try {
            URI target = URI.create(url);
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(target.resolve("/q/metrics")).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Matcher series = REQUEST_COUNT.matcher(metrics.body());
            while (series.find()) {
                String labels = series.group(1);
                Matcher uri = Pattern.compile("uri=\"([^\"]*)\"").matcher(labels);
                Matcher status = Pattern.compile("status=\"([^\"]*)\"").matcher(labels);
                if (status.find() && !(uri.find() && uri.group(1).startsWith("/q/"))) {
                    counts.merge(status.group(1), (long) Double.parseDouble(series.group(2)), Long::sum);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // no breakdown then; the count of failures stays wrk's
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return counts;
    }

    /** What a scenario's failures were: each status other than 2xx the service answered meanwhile, and wrk's socket errors. */
    static String failedAs(Map<String, Long> before, Map<String, Long> after, String wrkOutput) {
        List<String> parts = new ArrayList<>();
        after.forEach((status, count) -> {
            long during = count - before.getOrDefault(status, 0L);
            if (!status.startsWith("2") && during > 0) {
                parts.add(status + " ×" + during);
            }
        });
        Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(wrkOutput);
        if (socket.find()) {
            String[] kinds = {"connect", "read", "write", "timeout"};
            for (int i = 1; i <= 4; i++) {
                if (Long.parseLong(socket.group(i)) > 0) {
                    parts.add(kinds[i - 1] + " errors ×" + socket.group(i));
                }
            }
        }
        return parts.isEmpty() ? "statuses not known" : String.join(", ", parts);
    }

    static long non2xx(String text) {
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(text);
        return non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
    }

    static long failures(String text) {
        long failed = 0;
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(text);
        if (non2xx.find()) {
            failed += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(text);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                failed += Long.parseLong(socket.group(i));
            }
        }
        return failed;
    }

    static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    static String shortName(String service) {
        return service.replace("backend-", "").replace("-service", "");
    }

    static String mark(boolean met) {
        return met ? "met" : "**missed**";
    }

    String table() throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("Run of ").append(LocalDate.now()).append(quick ? " (--quick: small data, 3 s per scenario)" : "")
                .append(", commit `").append(run(List.of("git", "rev-parse", "--short", "HEAD")).strip()).append("`; ")
                .append(machine()).append(".\n")
                .append("wrk: 2 threads, 16 connections, ").append(duration).append(" per scenario, on the same machine as the suite. ")
                .append(String.format("Data: %,d queries with %,d results, and %,d queries in the download range.%n%n", queries,
                        queries * resultsPerQuery, downloadRows));
        md.append("| scenario | throughput | latency | target | |\n| --- | --- | --- | --- | --- |\n");
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return md.toString();
    }

    static String machine() throws IOException {
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GB").orElse("?");
        return Runtime.getRuntime().availableProcessors() + " cores, " + memory + " memory, JDK " + System.getProperty("java.version");
    }

    static final String START = "<!-- bench/run.sh writes from here -->";
    static final String END = "<!-- to here -->";

    /** Replaces the generated part of RESULTS.md; what is written around it by hand stays. */
    static void writeResults(Path file, String table) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmark results\n\n" + START + "\n" + END + "\n";
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            text = text + "\n" + START + "\n" + END + "\n";
            start = text.indexOf(START);
            end = text.indexOf(END);
        }
        Files.writeString(file, text.substring(0, start + START.length()) + "\n" + table + text.substring(end));
        System.out.println("Wrote " + file);
    }
}
