package org.arxivpipeline.frontend.rest;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.arxivpipeline.frontend.rest.EndlessHistoryStandIn.Closed;
import org.arxivpipeline.frontend.rest.EndlessHistoryStandIn.History;
import org.arxivpipeline.frontend.rest.EndlessHistoryStandIn.InjectHistory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A history download whose client leaves closes the frontend's connection to backend-queries (which ends
 * the backend's stream and frees its database connection) within about a second, whenever it leaves:
 * before backend-queries answered, or mid-stream.
 */
@QuarkusTest
@WithTestResource(EndlessHistoryStandIn.class)
class HistoryClientGoneTest {

    @InjectHistory
    History history;

    @TestHTTPResource("/")
    URL frontend;

    @BeforeEach
    void noConnectionLeftOver() {
        history.closed().clear();
    }

    @Test
    void aClientThatLeavesBeforeBackendQueriesAnswersClosesTheBackendConnectionOnceItAnswers() throws Exception {
        try (Socket client = request()) {
            Thread.sleep(200);
        }
        Closed closed = history.closed().poll(EndlessHistoryStandIn.HEADERS_AFTER_MILLIS + 5_000, TimeUnit.MILLISECONDS);
        assertNotNull(closed, "the connection to backend-queries is still open");
        assertTrue(closed.millisAfterAnswer() < 2_000, "closed " + closed.millisAfterAnswer() + " ms after backend-queries answered");
    }

    @Test
    void aClientThatLeavesMidStreamClosesTheBackendConnection() throws Exception {
        long left;
        try (Socket client = request()) {
            InputStream in = client.getInputStream();
            byte[] seen = new byte[64 * 1024];
            int total = 0;
            // the answer's head and some records
            while (!new String(seen, 0, total, StandardCharsets.UTF_8).contains("\"query_id\": 5,") && total < seen.length) {
                int read = in.read(seen, total, seen.length - total);
                if (read < 0) {
                    break;
                }
                total += read;
            }
            assertTrue(new String(seen, 0, total, StandardCharsets.UTF_8).startsWith("HTTP/1.1 200"), new String(seen, 0, total));
            left = System.nanoTime();
        }
        Closed closed = history.closed().poll(5, TimeUnit.SECONDS);
        assertNotNull(closed, "the connection to backend-queries is still open");
        long afterLeaving = (System.nanoTime() - left) / 1_000_000;
        assertTrue(afterLeaving < 2_000, "closed " + afterLeaving + " ms after the client left");
    }

    private Socket request() throws Exception {
        Socket client = new Socket(frontend.getHost(), frontend.getPort());
        client.getOutputStream().write(("GET /queries?start_timestamp=0 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        return client;
    }
}
