package org.arxivpipeline.arxivapi;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A stand-in for arXiv that takes its time: each request is answered (200, a feed with no hits) after the
 * delay given for its {@code search_query}, and every exchange is logged from the server's own side: when
 * its request had arrived, when it ended (the answer written, or the connection closed by the client while
 * it waited), and its {@code User-Agent}. Each connection is served by a thread of its own, so calls that
 * overlap show as overlapping exchanges. (WireMock's request log tells when a request arrived, not when its
 * exchange ended, nor that the client gave up on it.)
 */
public final class SlowArxiv implements AutoCloseable {

    /** One request and its end, times from System.nanoTime. */
    public record Exchange(String searchQuery, String userAgent, long startNanos, long endNanos, boolean answered) {

        @Override
        public String toString() {
            return searchQuery + " [" + TimeUnit.NANOSECONDS.toMillis(startNanos) % 1_000_000 + ", "
                    + TimeUnit.NANOSECONDS.toMillis(endNanos) % 1_000_000 + "]" + (answered ? "" : " given up by the client");
        }
    }

    /** How often a waiting exchange looks whether its client has closed the connection. */
    private static final int WATCH_MILLIS = 10;

    private final ServerSocket server;
    private final byte[] feed;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final List<String> arrived = new CopyOnWriteArrayList<>();
    private final List<Exchange> ended = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Function<String, Duration> delays = query -> Duration.ZERO;
    private volatile Duration trickle = Duration.ZERO;

    public SlowArxiv() throws IOException {
        feed = Feeds.fixture("zero_hits.xml");
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "slow-arxiv-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The query endpoint, for {@code arxiv.base-url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/api/query";
    }

    /** How long a request is kept before its answer, by its {@code search_query}. */
    public void answerAfter(Function<String, Duration> delay) {
        delays = delay;
    }

    /** Answers the body a byte at a time, with this pause before each (zero: at once). */
    public void trickle(Duration pause) {
        trickle = pause;
    }

    /**
     * Answers at once again, and forgets the requests, exchanges and connections so far; the most open at
     * once counts again from those open now.
     */
    public void reset() {
        delays = query -> Duration.ZERO;
        trickle = Duration.ZERO;
        arrived.clear();
        ended.clear();
        accepted.set(0);
        mostOpen.set(open.get());
    }

    /** Connections accepted since the start or the last {@link #reset()}. */
    public int connections() {
        return accepted.get();
    }

    /** The {@code search_query} of every request that has arrived, ended or not, in order of arrival. */
    public List<String> requested() {
        return List.copyOf(arrived);
    }

    /** The exchanges that have ended, by their start. */
    public List<Exchange> exchanges() {
        List<Exchange> sorted = new ArrayList<>(ended);
        sorted.sort(Comparator.comparingLong(Exchange::startNanos));
        return sorted;
    }

    /** Requests open at once at the most, since the start or the last {@link #reset()}. */
    public int mostOpenAtOnce() {
        return mostOpen.get();
    }

    /** Requests open now. */
    public int openNow() {
        return open.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                accepted.incrementAndGet();
                connections.add(connection);
                Thread serving = new Thread(() -> serve(connection), "slow-arxiv-" + connection.getPort());
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Requests of one kept-alive connection, one after the other, until the client closes it. */
    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                connection.setSoTimeout(0);
                String[] request = readRequest(in);
                if (request == null) {
                    return;
                }
                long start = System.nanoTime();
                arrived.add(request[0]);
                mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                boolean answered = false;
                try {
                    if (waitUnlessClosed(connection, in, delays.apply(request[0]))) {
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/atom+xml; charset=utf-8\r\nContent-Length: "
                                + feed.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        answered = writeBody(connection, in, out);
                    }
                } catch (IOException clientGone) {
                    // the client closed the connection while the answer was written
                } finally {
                    open.decrementAndGet();
                    ended.add(new Exchange(request[0], request[1], start, System.nanoTime(), answered));
                }
                if (!answered) {
                    return;
                }
            }
        } catch (IOException closed) {
            // the client closed the connection between requests
        } finally {
            connections.remove(connection);
        }
    }

    /** The feed, at once or trickling; false when the client closed the connection before its end. */
    private boolean writeBody(Socket connection, InputStream in, OutputStream out) throws IOException {
        Duration pause = trickle;
        if (pause.isZero()) {
            out.write(feed);
            out.flush();
            return true;
        }
        for (byte b : feed) {
            out.flush();
            if (!waitUnlessClosed(connection, in, pause)) {
                return false;
            }
            out.write(b);
        }
        out.flush();
        return true;
    }

    /** Waits {@code delay}, watching the connection: false as soon as the client has closed it. */
    private static boolean waitUnlessClosed(Socket connection, InputStream in, Duration delay) throws IOException {
        long until = System.nanoTime() + delay.toNanos();
        for (long left = delay.toNanos(); left > 0; left = until - System.nanoTime()) {
            connection.setSoTimeout((int) Math.max(1, Math.min(WATCH_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
            try {
                if (in.read() < 0) {
                    return false;
                }
            } catch (SocketTimeoutException stillOpen) {
                // the client is still waiting
            } catch (IOException reset) {
                return false;
            }
        }
        return true;
    }

    /** The request's decoded {@code search_query} and its {@code User-Agent}; null when the connection ended first. */
    private static String[] readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return null;
        }
        String userAgent = null;
        for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("user-agent")) {
                userAgent = header.substring(colon + 1).trim();
            }
        }
        String target = requestLine.split(" ")[1];
        String searchQuery = null;
        int query = target.indexOf('?');
        for (String parameter : query < 0 ? new String[0] : target.substring(query + 1).split("&")) {
            if (parameter.startsWith("search_query=")) {
                searchQuery = URLDecoder.decode(parameter.substring("search_query=".length()), StandardCharsets.UTF_8);
            }
        }
        return new String[] {searchQuery, userAgent};
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return null;
    }
}
