package org.arxivpipeline.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A download read over a plain socket, so that a test sees what an HTTP client library hides: whether a
 * chunked body ended with HTTP's last chunk or the connection was closed before it, and the bytes that came
 * before. Used to stop the database mid-download and read what the client got.
 */
public final class RawDownload implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean endedWithLastChunk;

    private RawDownload(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Sends {@code GET pathAndQuery} to localhost:{@code port}. */
    public static RawDownload get(int port, String pathAndQuery) {
        try {
            Socket socket = new Socket("localhost", port);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new RawDownload(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code bytes} more of the response (head included). */
    public RawDownload read(int bytes) {
        try {
            received.write(in.readNBytes(bytes));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the server ends the body with the last chunk or closes the connection. */
    public RawDownload readToTheEnd() {
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
                if (received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                    endedWithLastChunk = true;
                    return this;
                }
            }
        } catch (IOException reset) {
            // a reset connection is an end without the last chunk too
        }
        return this;
    }

    /** Stops {@code db}'s server, reads until the end (as {@link #readToTheEnd()}), and starts the server again. */
    public RawDownload readToTheEndWhileTheDatabaseStops(TestPostgres db) {
        db.stopServer();
        try {
            return readToTheEnd();
        } finally {
            db.startServer();
        }
    }

    public boolean endedWithLastChunk() {
        return endedWithLastChunk;
    }

    /** The status line and headers. */
    public String head() {
        String response = received.toString(StandardCharsets.ISO_8859_1);
        int end = response.indexOf("\r\n\r\n");
        return end < 0 ? response : response.substring(0, end);
    }

    /** The body as far as it came, chunked transfer undone, as UTF-8. */
    public String body() {
        String response = received.toString(StandardCharsets.ISO_8859_1);
        String chunked = response.substring(response.indexOf("\r\n\r\n") + 4);
        byte[] bytes = chunked.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < bytes.length) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            int from = lineEnd + 2;
            body.write(bytes, from, Math.min(size, bytes.length - from));
            at = from + size + 2;
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
