package org.arxivpipeline.frontend.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.arxivpipeline.common.export.ExportFormat;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * backend-queries and backend-results as a raw socket server whose downloads break off: it answers 200 in
 * the format asked (and in the public record form), sends the first records in chunks, then closes the
 * connection without HTTP's last chunk. With {@code query_id=1} it first writes the format's cut mark, as a
 * backend does when its database fails mid-download.
 */
public class BrokenDownloadStandIn implements QuarkusTestResourceLifecycleManager {

    /** What every broken download sends before it breaks off, per format (the JSON array: two records and no bracket). */
    static final Map<String, String> SENT = Map.of(
            "csv", "query_id,title\r\n42,\"Electrons, holes\"\r\n",
            "jsonl", "{\"query_id\":42}\n",
            "bibtex", "@misc{a-2405.01234v1,\n  title = {Electrons}\n}\n\n",
            "ris", "TY  - PREP\r\nTI  - Electrons\r\nER  - \r\n\r\n",
            "json", "[{\"query_id\":42,\"query\":\"ArXiv Query: ti:x\"},{\"query_id\":43,\"query\":\"ArXiv Query: ti:y\"}");

    private ServerSocket server;

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "broken-downloads");
        acceptor.setDaemon(true);
        acceptor.start();
        String url = "http://localhost:" + server.getLocalPort();
        return Map.of(
                "quarkus.rest-client.arxiv-api.url", url,
                "quarkus.rest-client.sequence.url", url,
                "quarkus.rest-client.queries.url", url,
                "quarkus.rest-client.results.url", url);
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                String request = head(socket.getInputStream());
                String format = "json";
                for (ExportFormat known : ExportFormat.values()) {
                    if (request.contains("format=" + known.formatName() + " ") || request.contains("format=" + known.formatName() + "&")) {
                        format = known.formatName();
                    }
                }
                ExportFormat export = format.equals("json") ? null : ExportFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
                String body = SENT.get(format) + (request.contains("query_id=1") && export != null ? export.cutMark() : "");
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + (export == null ? "application/json" : export.contentType())
                        + "\r\nX-Record-Form: public\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                int half = bytes.length / 2;
                chunk(out, bytes, 0, half);
                chunk(out, bytes, half, bytes.length - half);
                out.flush();
                // and the connection closes here, without the last chunk
            } catch (IOException e) {
                // the next connection
            }
        }
    }

    private static void chunk(OutputStream out, byte[] bytes, int from, int length) throws IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes, from, length);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The request line and headers. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                break;
            }
        }
        return head.toString();
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
