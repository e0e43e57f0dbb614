package org.arxivpipeline.frontend.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.arxivpipeline.common.export.ExportFormat;

/**
 * backend-queries and backend-results as a raw socket server whose downloads break off: it answers 200 in
 * the format asked (and in the public record form), sends the first records in chunks, then closes the
 * connection without HTTP's last chunk. With {@code query_id=1} it first writes the format's cut mark, as a
 * backend does when its database fails mid-download.
 */
public class BrokenDownloadStandIn extends RawSocketBackend {

    /** What every broken download sends before it breaks off, per format (the JSON array: two records and no bracket). */
    static final Map<String, String> SENT = Map.of(
            "csv", "query_id,title\r\n42,\"Electrons, holes\"\r\n",
            "jsonl", "{\"query_id\":42}\n",
            "bibtex", "@misc{a-2405.01234v1,\n  title = {Electrons}\n}\n\n",
            "ris", "TY  - PREP\r\nTI  - Electrons\r\nER  - \r\n\r\n",
            "json", "[{\"query_id\":42,\"query\":\"ArXiv Query: ti:x\"},{\"query_id\":43,\"query\":\"ArXiv Query: ti:y\"}");

    @Override
    protected List<String> backends() {
        return List.of("arxiv-api", "sequence", "queries", "results");
    }

    @Override
    protected void answer(Socket socket, String request) throws IOException {
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
        // and the connection closes here, without the last chunk
    }
}
