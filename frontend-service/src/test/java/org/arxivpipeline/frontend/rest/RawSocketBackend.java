package org.arxivpipeline.frontend.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A backend stand-in as a raw socket server, for what no well-behaved HTTP server does (close a connection
 * without answering, never end an answer, break one off): each connection is read up to the end of its
 * request's head and handed to {@link #answer} on a thread of its own, then closed.
 */
public abstract class RawSocketBackend implements QuarkusTestResourceLifecycleManager {

    private ServerSocket server;

    /** The REST client config keys of the backends this server stands in for. */
    protected abstract List<String> backends();

    /** Answers one connection, whose request head ({@code head}) is read already. */
    protected abstract void answer(Socket socket, String head) throws IOException, InterruptedException;

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        daemon(getClass().getSimpleName(), this::accept);
        String url = "http://localhost:" + server.getLocalPort();
        return backends().stream().collect(Collectors.toMap(backend -> "quarkus.rest-client." + backend + ".url", backend -> url));
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                daemon(getClass().getSimpleName() + "-answer", () -> {
                    try (socket) {
                        String head = head(socket.getInputStream());
                        if (head != null) {
                            answer(socket, head);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the frontend closed the connection, or the test is over
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The request line and headers; null when the connection closed before their end. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                return head.toString();
            }
        }
        return null;
    }

    /** Writes {@code bytes[from, from + length)} as one chunk of a chunked answer, flushed. */
    protected static void chunk(OutputStream out, byte[] bytes, int from, int length) throws IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes, from, length);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    protected static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        chunk(out, bytes, 0, bytes.length);
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
