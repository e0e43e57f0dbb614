package org.arxivpipeline.frontend.rest;

import java.io.OutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * backend-queries closing the connection of the first request it reads without answering (as a backend does
 * when it closes a kept-alive connection just as a request goes out on it), and answering every later one
 * with an empty history in the public record form.
 */
public class ClosingOnceStandIn extends RawSocketBackend {

    static final AtomicInteger REQUESTS = new AtomicInteger();

    @Override
    protected List<String> backends() {
        return List.of("queries");
    }

    @Override
    protected void answer(Socket socket, String head) throws IOException {
        if (REQUESTS.incrementAndGet() == 1) {
            return; // closed without a byte of answer
        }
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Record-Form: public\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n[]").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
