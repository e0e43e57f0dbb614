package org.arxivpipeline.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the arXiv query API, for trying the suite offline: it answers every
 * {@code /api/query} with a well-formed Atom feed in arXiv's current format, whose entries echo the
 * words searched for (or the ids asked for). Up to 25 entries, as many as {@code max_results} asks from
 * {@code start}; a word "nothing" gives
 * zero hits, a word "popular" 30,000 hits and up to 2,000 entries with abstracts of real length (for
 * load tests of large searches).
 */
final class ArxivStub {

    static final int MAX_ENTRIES = 25;
    static final int POPULAR_HITS = 30_000;
    static final int POPULAR_ENTRIES = 2_000;
    /** About the length of a real abstract (1,000 characters). */
    private static final String LONG_ABSTRACT = ("We study the low-energy properties of a strongly correlated electron system "
            + "with competing interactions and report measurements that constrain the models proposed so far. ").repeat(6);

    private final HttpServer server;
    /** When each query arrived (epoch ms), so tests can check the pacing of the calls. */
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    /** The {@code search_query} of each call, in the order of {@link #arrivals}. */
    private final List<String> searches = new CopyOnWriteArrayList<>();
    /** The status every call is answered with instead of a feed (an arXiv outage, for tests); 0: feeds. */
    private volatile int failingWith;
    /** How long every call waits before it is answered (a slow arXiv, for tests); zero: at once. */
    private volatile java.time.Duration delay = java.time.Duration.ZERO;

    ArxivStub(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/api/query", this::answer);
        // each exchange on its own thread: with the default (the dispatcher thread itself) one slow answer
        // would hold back the next call's arrival time, and the pacing tests would measure the stand-in
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "arxiv-stub");
            thread.setDaemon(true);
            return thread;
        }));
    }

    void start() {
        server.start();
    }

    void stop() {
        server.stop(0);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/query";
    }

    List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    List<String> searches() {
        return List.copyOf(searches);
    }

    /** From now on every call is answered {@code status} with no feed (e.g. 500, 503), or, with 0, as before. */
    void failWith(int status) {
        failingWith = status;
    }

    /** From now on every call is answered {@code delay} after it arrived (each exchange has a thread of its own). */
    void delay(java.time.Duration delay) {
        this.delay = delay;
    }

    private void answer(HttpExchange exchange) throws IOException {
        arrivals.add(System.currentTimeMillis());
        Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
        String searchQuery = params.getOrDefault("search_query", "");
        searches.add(searchQuery);
        long wait = delay.toMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        int failing = failingWith;
        if (failing != 0) {
            byte[] text = ("The local arXiv stand-in is failing with " + failing + " on purpose\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(failing, text.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(text);
            }
            return;
        }
        int maxResults = number(params.get("max_results"), 10);
        int start = number(params.get("start"), 0);
        String idList = params.get("id_list");
        byte[] body = feed(searchQuery, idList == null || idList.isBlank() ? List.of() : List.of(idList.split(",")), start, maxResults)
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/atom+xml; charset=utf-8");
        exchange.getResponseHeaders().add("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)));
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static int number(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The feed for a search: hits numbered from 1 (or the ids asked for), the page from {@code start}. */
    static String feed(String searchQuery, List<String> ids, int start, int maxResults) {
        String words = searchQuery.replaceAll("\\b(ti|au|jr|abs|all|cat):", "").replace("\"", "").replace(" AND ", " ").strip();
        boolean popular = words.contains("popular");
        int total = words.contains("nothing") ? 0 : !ids.isEmpty() ? ids.size() : popular ? POPULAR_HITS : MAX_ENTRIES;
        int count = Math.max(0, Math.min(Math.min(total - start, popular ? POPULAR_ENTRIES : MAX_ENTRIES), maxResults));
        String summary = popular ? LONG_ABSTRACT.strip() : "A sample abstract from the local arXiv stand-in.";
        String now = DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        StringBuilder xml = new StringBuilder("""
                <?xml version='1.0' encoding='UTF-8'?>
                <feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
                """);
        xml.append("  <title>arXiv Query: search_query=").append(escape(searchQuery)).append("</title>\n")
                .append("  <updated>").append(now).append("</updated>\n")
                .append("  <opensearch:itemsPerPage>").append(maxResults).append("</opensearch:itemsPerPage>\n")
                .append("  <opensearch:totalResults>").append(total).append("</opensearch:totalResults>\n")
                .append("  <opensearch:startIndex>").append(start).append("</opensearch:startIndex>\n");
        for (int i = start; i < start + count; i++) {
            String id = ids.isEmpty() ? String.format("2401.%05dv1", i + 1) : ids.get(i).matches(".*v\\d+") ? ids.get(i) : ids.get(i) + "v1";
            xml.append("  <entry>\n")
                    .append("    <id>http://arxiv.org/abs/").append(id).append("</id>\n")
                    .append("    <title>Sample result ").append(i + 1).append(" on ").append(escape(words)).append("</title>\n")
                    .append("    <updated>2024-01-0").append(1 + i % 9).append("T12:00:00Z</updated>\n")
                    .append("    <link href=\"https://arxiv.org/abs/").append(id).append("\" rel=\"alternate\" type=\"text/html\"/>\n")
                    .append("    <summary>").append(summary).append("</summary>\n")
                    .append("    <category term=\"cond-mat.str-el\" scheme=\"http://arxiv.org/schemas/atom\"/>\n")
                    .append("    <category term=\"cond-mat.mes-hall\" scheme=\"http://arxiv.org/schemas/atom\"/>\n")
                    .append("    <published>2024-01-0").append(1 + i % 9).append("T12:00:00Z</published>\n")
                    .append("    <arxiv:primary_category term=\"cond-mat.str-el\"/>\n");
            if (i % 2 == 0) {
                xml.append("    <arxiv:journal_ref>Phys. Rev. B ").append(100 + i).append(", ").append(i + 1).append(" (2024)</arxiv:journal_ref>\n")
                        .append("    <arxiv:doi>10.1103/PhysRevB.").append(100 + i).append(".").append(i + 1).append("</arxiv:doi>\n")
                        .append("    <arxiv:comment>").append(10 + i).append(" pages, ").append(i).append(" figures</arxiv:comment>\n");
            }
            xml.append("    <author><name>A. Sample</name></author>\n")
                    .append("    <author><name>B. Example</name></author>\n")
                    .append("  </entry>\n");
        }
        return xml.append("</feed>\n").toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
