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
 */
public class Bench {

    static final List<String> SERVICES = List.of("frontend-service", "backend-arxiv-api", "backend-sequence", "backend-queries",
            "backend-results");
    static final long FIRST_TIMESTAMP = 1_700_000_000L;
    static final long DOWNLOAD_FIRST_TIMESTAMP = 1_000_000_000L;

    final boolean quick;
    final String duration;
    final int queries;
    final int resultsPerQuery;
    final int downloadRows;
    final List<String[]> rows = new ArrayList<>();
    /** BENCH_ONLY: a regular expression; only the wrk scenarios it matches run (a profiling run: nothing is written). */
    final String only = System.getenv("BENCH_ONLY");
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Launcher launcher;
    String frontend;

    Bench(boolean quick) {
        this.quick = quick;
        this.duration = quick ? "3s" : "20s";
        this.queries = quick ? 2_000 : 100_000;
        this.resultsPerQuery = 10;
        this.downloadRows = quick ? 20_000 : 1_000_000;
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

        System.out.printf("Seeding %,d queries with %,d results each, and %,d queries for the download ...%n", queries, resultsPerQuery,
                downloadRows);
        long seeding = System.nanoTime();
        seed();
        System.out.printf("Seeded in %d s%n", (System.nanoTime() - seeding) / 1_000_000_000L);

        scenarios();
        if (only != null) {
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
        return environment;
    }

    void seed() throws Exception {
        try (Connection db = launcher.postgres().connect("arxiv"); Statement sql = db.createStatement()) {
            sql.execute("""
                    INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query)
                    SELECT g, %d + g * 60, 200, 1000 + g, %d, 'ti:bench AND au:"author ' || g || '"'
                    FROM generate_series(1, %d) AS g""".formatted(FIRST_TIMESTAMP, resultsPerQuery, queries));
            sql.execute("""
                    INSERT INTO results (query_id, timestamp, result_number, author, title, journal, arxiv_id, doi,
                                         primary_category, published, url)
                    SELECT q, %d + q * 60, r, 'A. Author, B. Author, C. Author',
                           'A title of realistic length about electrons, query ' || q || ' result ' || r,
                           'Phys. Rev. B 109, 045123 (2024)', '2401.' || lpad((q * 10 + r)::text, 7, '0') || 'v1',
                           '10.1103/PhysRevB.' || q || '.' || r, 'cond-mat.str-el', timestamptz '2024-01-02 03:04:05+00',
                           'http://arxiv.org/abs/2401.' || lpad((q * 10 + r)::text, 7, '0') || 'v1'
                    FROM generate_series(1, %d) AS q, generate_series(0, %d) AS r""".formatted(FIRST_TIMESTAMP, queries,
                    resultsPerQuery - 1));
            // the download set: its own time range, without results
            sql.execute("""
                    INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query)
                    SELECT 500000000 + g, %d + g, 200, 1532, 10, 'ti:download AND au:"del maestro" AND jr:"phys rev b"'
                    FROM generate_series(1, %d) AS g""".formatted(DOWNLOAD_FIRST_TIMESTAMP, downloadRows));
            sql.execute("ANALYZE queries");
            sql.execute("ANALYZE results");
        }
        try (Connection db = launcher.postgres().connect("arxiv_sequence"); Statement sql = db.createStatement()) {
            sql.execute("SELECT setval('arxiv_sequence', 1000000000)");
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
        double hop = firstPage.rps / direct.rps;
        rows.add(new String[] {"frontend hop cost", String.format(Locale.ROOT, "GET /results = %.0f %% of direct", hop * 100), "",
                "≥ 65 %", mark(hop >= 0.65)});

        long deepPage = Math.max(2, (long) queries * resultsPerQuery / 10 / 2);
        String cursor = nextCursor("/results?items_per_page=10&page=" + (deepPage - 1));
        Wrk byCursor = wrk("deep page by cursor", frontend + "/results?items_per_page=10&cursor=" + cursor);
        report("GET /results, page " + String.format("%,d", deepPage) + " by `cursor`", byCursor, "≤ 1.2 × first-page latency",
                byCursor.p50Millis <= 1.2 * firstPage.p50Millis);
        Wrk byOffset = wrk("deep page by offset", frontend + "/results?items_per_page=10&page=" + deepPage);
        report("GET /results, page " + String.format("%,d", deepPage) + " by `page` (offset)", byOffset, "", null);
        Wrk byQuery = wrk("results of one query", frontend + "/results?query_id=" + (queries / 2));
        report("GET /results?query_id=", byQuery, "", null);

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

        if (only == null) {
            download();
        }

        Wrk sequence = wrk("get-sequence", url("backend-sequence") + "/get-sequence");
        report("backend-sequence `/get-sequence`", sequence, "", null);
        Wrk writes = wrk("write-results of 2,000", results + "/write-results", "bench/write-results.lua", Map.of(), "1", "2");
        report("backend-results `/write-results` of 2,000 results (2 connections)", writes, "", null);
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
        if (only != null) {
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
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(frontend + "/queries?start_timestamp="
                + DOWNLOAD_FIRST_TIMESTAMP + "&end_timestamp=" + (DOWNLOAD_FIRST_TIMESTAMP + downloadRows))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[65536];
            for (int n; (n = body.read(buffer)) > 0;) {
                bytes += n;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        running.set(false);
        sampler.join();
        double mbPerSecond = bytes / 1e6 / seconds;
        long growthMiB = (peak.get() - before) / 1024;
        String figure = String.format(Locale.ROOT, "%,d rows, %.1f MB in %.2f s = %.1f MB/s; frontend RSS +%d MiB (status %d)",
                downloadRows, bytes / 1e6, seconds, mbPerSecond, growthMiB, response.statusCode());
        System.out.println("GET /queries download: " + figure);
        rows.add(new String[] {"GET /queries, " + String.format("%,d", downloadRows) + " rows", figure, "",
                "≥ 50 MB/s, RSS growth < 64 MB", mark(response.statusCode() == 200 && mbPerSecond >= 50 && growthMiB < 64)});
    }

    void memoryAfterLoad() throws Exception {
        StringBuilder figures = new StringBuilder();
        boolean all = true;
        for (String name : SERVICES) {
            long mib = rssKiB(launcher.service(name).pid()) / 1024;
            all &= mib <= 160;
            figures.append(figures.length() == 0 ? "" : ", ").append(shortName(name)).append(' ').append(mib).append(" MiB");
        }
        if (System.getenv("BENCH_DIAGNOSE") != null) {
            diagnose();
        }
        String flags = String.join(" ", ServiceProcess.jvmOptions(System.getenv()));
        rows.add(new String[] {"RSS per service after load (`" + flags + "`)", figures.toString(), "", "≤ 160 MB", mark(all)});
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

    /** Each service stopped and started alone: process start to /q/health/ready, then its idle RSS. */
    void startup() throws Exception {
        StringBuilder ready = new StringBuilder();
        StringBuilder idle = new StringBuilder();
        boolean all = true;
        for (String name : SERVICES) {
            ServiceProcess service = launcher.service(name);
            service.stop();
            long started = System.nanoTime();
            service.start();
            HttpRequest probe = HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
            while (true) {
                try {
                    if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() - started > 60_000_000_000L) {
                    throw new IllegalStateException(name + " not ready within 60 s");
                }
                Thread.sleep(10);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            all &= millis <= 1500;
            Thread.sleep(2000);
            ready.append(ready.length() == 0 ? "" : ", ").append(shortName(name)).append(' ').append(millis).append(" ms");
            idle.append(idle.length() == 0 ? "" : ", ").append(shortName(name)).append(' ')
                    .append(rssKiB(service.pid()) / 1024).append(" MiB");
        }
        rows.add(new String[] {"start-up, process start to ready (one at a time)", ready.toString(), "", "≤ 1.5 s", mark(all)});
        rows.add(new String[] {"RSS per service, idle after start", idle.toString(), "", "", ""});
    }

    record Wrk(double rps, double p50Millis, double p99Millis, long requests, long failures) {
    }

    Wrk wrk(String label, String url) throws Exception {
        return wrk(label, url, null, Map.of());
    }

    Wrk wrk(String label, String url, String script, Map<String, String> environment) throws Exception {
        return wrk(label, url, script, environment, "2", "16");
    }

    Wrk wrk(String label, String url, String script, Map<String, String> environment, String threads, String connections)
            throws Exception {
        if (only != null && !label.matches(only)) {
            return new Wrk(0, 0, 0, 0, 0);
        }
        // the same load for a few seconds first, not measured: the code this scenario runs may have been
        // deoptimised by the scenarios before it (shared call sites), and is compiled again here
        run(wrkCommand(quick ? "1s" : "5s", threads, connections, script, url), environment);
        String out = run(wrkCommand(duration, threads, connections, script, url), environment);
        Wrk result = new Wrk(number(out, "Requests/sec:\\s+([\\d.]+)"), millis(out, "50%"), millis(out, "99%"),
                (long) number(out, "(\\d+) requests in"), failures(out));
        System.out.printf(Locale.ROOT, "%-45s %9.1f req/s  p50 %7.2f ms  p99 %7.2f ms  %d failed%n", label, result.rps,
                result.p50Millis, result.p99Millis, result.failures);
        return result;
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
        rows.add(new String[] {scenario, String.format(Locale.ROOT, "%,.0f req/s", wrk.rps),
                String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms%s", wrk.p50Millis, wrk.p99Millis,
                        wrk.failures > 0 ? ", " + wrk.failures + " failed" : ""),
                target, met == null ? "" : mark(met && wrk.failures == 0)});
    }

    String nextCursor(String path) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(frontend + path)).build(), HttpResponse.BodyHandlers.ofString());
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
