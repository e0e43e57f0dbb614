package org.arxivpipeline.frontend.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * backend-queries as a raw socket server that closes the connection of the first request it reads without
 * answering (as a backend does when it closes a kept-alive connection just as a request goes out on it),
 * and answers every later one with an empty history in the public record form.
 */
public class ClosingOnceStandIn implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger REQUESTS = new AtomicInteger();

    private ServerSocket server;

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "closing-once");
        acceptor.setDaemon(true);
        acceptor.start();
        String url = "http://localhost:" + server.getLocalPort();
        return Map.of("quarkus.rest-client.queries.url", url);
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                head(socket.getInputStream());
                if (REQUESTS.incrementAndGet() == 1) {
                    continue; // closed without a byte of answer
                }
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Record-Form: public\r\nContent-Length: 2\r\n"
                        + "Connection: close\r\n\r\n[]").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                // the server socket was closed: the test is over
            }
        }
    }

    private static void head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
