package org.arxivpipeline.frontend.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * backend-queries as a raw socket server whose history never ends: it answers each request after
 * {@link #HEADERS_AFTER_MILLIS}, then sends a record every 20 ms until the frontend closes the connection,
 * and reports that moment. What a download holds in backend-queries (a cursor, a database connection) is
 * held for as long as that connection stays open.
 */
public class EndlessHistoryStandIn extends RawSocketBackend {

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

    private final History history = new History(new LinkedBlockingQueue<>());

    @Override
    protected List<String> backends() {
        return List.of("arxiv-api", "sequence", "queries", "results");
    }

    @Override
    protected void answer(Socket socket, String head) throws IOException, InterruptedException {
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
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(history, new TestInjector.AnnotatedAndMatchesType(InjectHistory.class, History.class));
    }
}
