package org.arxivpipeline.frontend.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * backend-queries as a raw socket server whose history never ends: it answers each request after
 * {@link #HEADERS_AFTER_MILLIS}, then sends a record every 20 ms until the frontend closes the connection,
 * and reports that moment. What a download holds in backend-queries (a cursor, a database connection) is
 * held for as long as that connection stays open.
 */
public class EndlessHistoryStandIn implements QuarkusTestResourceLifecycleManager {

    static final long HEADERS_AFTER_MILLIS = 1_000;

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectHistory {
    }

    /** The connections the frontend opened, each reported once it is closed, with what had been sent on it. */
    public record History(BlockingQueue<Closed> closed) {
    }

    /** A connection the frontend closed: after how many records, how long after the answer began. */
    public record Closed(int records, long millisAfterAnswer) {
    }

    private ServerSocket server;
    private final History history = new History(new LinkedBlockingQueue<>());

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        daemon("endless-history", this::accept);
        String url = "http://localhost:" + server.getLocalPort();
        return Map.of(
                "quarkus.rest-client.arxiv-api.url", url,
                "quarkus.rest-client.sequence.url", url,
                "quarkus.rest-client.queries.url", url,
                "quarkus.rest-client.results.url", url);
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                daemon("endless-history-answer", () -> answer(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            Thread.sleep(HEADERS_AFTER_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Record-Form: public\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long answered = System.nanoTime();
            int records = 0;
            try {
                chunk(out, "[");
                while (true) {
                    chunk(out, (records == 0 ? "" : ",") + "{\"query_id\": " + records + ", \"timestamp\": 1715014689, "
                            + "\"query\": \"ArXiv Query: ti:endless\"}");
                    records++;
                    Thread.sleep(20);
                }
            } catch (IOException closedByTheFrontend) {
                history.closed().add(new Closed(records, (System.nanoTime() - answered) / 1_000_000));
            }
        } catch (IOException | InterruptedException e) {
            // the frontend left before the answer: nothing was held
        }
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(history, new TestInjector.AnnotatedAndMatchesType(InjectHistory.class, History.class));
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // stopping anyway
        }
    }
}
