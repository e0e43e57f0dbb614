package org.arxivpipeline.common.http.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The request line and headers are bounded by the read timeout (2 s in tests): {@link HeaderReadTimeoutHandler},
 * which reaches into Vert.x internals; these tests fail when those change.
 */
@QuarkusTest
class SlowClientsTest {

    @Test
    void headersTrickledLineByLineAre408AtTheReadTimeout() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            long start = System.nanoTime();
            String answer = trickleUntilAnswered(socket, "GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(answer.startsWith("HTTP/1.1 408 Request Timeout\r\n"), answer);
            assertTrue(answer.contains("Content-Type: application/problem+json"), answer);
            assertTrue(answer.contains("\"status\":408"), answer);
            assertTrue(answer.contains("\"detail\":\"The request headers did not arrive in time\""), answer);
            assertTrue(millis >= 1_900 && millis < 3_500, "answered after " + millis + " ms");
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheReadTimeout() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            assertTrue(millis >= 1_900 && millis < 3_500, "closed after " + millis + " ms");
        }
    }

    @Test
    void aKeptAliveConnectionIsBoundedAgainFromTheNextRequestsFirstByte() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // a whole request, answered; then 3 s of quiet, more than the bound: an idle connection is not cut
            out.write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String first = readResponseHead(in);
            assertTrue(first.startsWith("HTTP/1.1 200 "), first);
            Thread.sleep(3_000);
            long start = System.nanoTime();
            String second = trickleUntilAnswered(socket, "GET /q/health/live HTTP/1.1\r\n");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(second.contains("HTTP/1.1 408 "), second);
            assertTrue(millis >= 1_900 && millis < 3_500, "answered after " + millis + " ms");
        }
    }

    @Test
    void aRequestSentWholeIsServedAsBefore() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
            assertTrue(answer.contains("\"status\": \"UP\""), answer);
        }
    }

    /** Sends {@code start}, then a header line every 300 ms, until the server answers; returns all it sent back. */
    private static String trickleUntilAnswered(Socket socket, String start) throws Exception {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        try {
            out.write(start.getBytes(StandardCharsets.US_ASCII));
            for (int line = 0; line < 30 && in.available() == 0; line++) {
                out.write(("X-Slow-" + line + ": a\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(300);
            }
        } catch (IOException closedUnderTheWrite) {
            // answered and closed meanwhile: the answer is read below
        }
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    private static String readResponseHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.append((char) next);
        }
        // the body of /q/health/live: its Content-Length
        String length = head.toString().lines().filter(line -> line.toLowerCase().startsWith("content-length:")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("0");
        assertEquals(Integer.parseInt(length), in.readNBytes(Integer.parseInt(length)).length);
        return head.toString();
    }
}
