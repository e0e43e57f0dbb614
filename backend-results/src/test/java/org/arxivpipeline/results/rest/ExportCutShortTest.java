package org.arxivpipeline.results.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.arxivpipeline.common.db.StreamSlots;
import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * A download that fails after its first byte (the database stopped mid-export) is never a shorter file that
 * looks complete: it ends with the format's cut mark, which a CSV reader fails on, and without HTTP's last
 * chunk. A client that leaves mid-download gives its slot and its connection back.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ExportCutShortTest {

    private final TestPostgres db = TestPostgres.get();

    @Inject
    StreamSlots streams;

    /** 40,000 results of about 1.5 KB each: far more than the sockets between the test and the service hold. */
    @BeforeEach
    void manyResults() {
        db.truncate("results");
        db.execute("arxiv", """
                INSERT INTO results (query_id, timestamp, result_number, arxiv_id, title, author, abstract, categories, published)
                SELECT 1 + g / 100, 1, g % 100, '2401.' || lpad(g::text, 5, '0') || 'v1', 'Title ' || g, 'A. Author, B. Author',
                       repeat('An abstract of some length. ', 50), ARRAY['hep-th'], timestamptz '2024-01-02 00:00:00+00'
                FROM generate_series(0, 39999) AS g""");
    }

    @Test
    void theDatabaseStoppingMidExportEndsTheFileWithTheCutMarkAndNoLastChunk() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean endedCleanly;
        try (Socket client = new Socket("localhost", RestAssured.port)) {
            client.setSoTimeout(30_000);
            client.getOutputStream().write(("GET /read-results?format=csv HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = client.getInputStream();
            received.write(in.readNBytes(64 * 1024));
            db.stopServer();
            try {
                endedCleanly = readToTheEnd(in, received);
            } finally {
                db.startServer();
            }
        }
        String response = received.toString(StandardCharsets.UTF_8);
        assertTrue(response.startsWith("HTTP/1.1 200"), response.substring(0, 100));
        assertTrue(response.contains("transfer-encoding: chunked") || response.contains("Transfer-Encoding: chunked"), "streamed in chunks");
        assertTrue(!endedCleanly, "the connection is closed, not ended with the last chunk");
        String body = dechunk(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertTrue(body.endsWith(ExportFormat.CSV.cutMark()), body.substring(Math.max(0, body.length() - 300)));
        assertTrue(body.length() < 40_000 * 1_500, "cut short: " + body.length() + " bytes");
        // a CSV reader does not take it for a whole file
        assertThrows(UncheckedIOException.class, () -> {
            try (CSVParser parser = CSVParser.parse(body, CSVFormat.RFC4180.builder().setHeader().get())) {
                parser.getRecords();
            }
        });
    }

    @Test
    void aClientThatLeavesMidDownloadGivesItsSlotBack() throws Exception {
        try (Socket client = new Socket("localhost", RestAssured.port)) {
            client.getOutputStream().write(("GET /read-results?format=jsonl HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals(16 * 1024, client.getInputStream().readNBytes(16 * 1024).length);
            assertEquals(1, streams.inUse());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (streams.inUse() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, streams.inUse(), "the stream of a client gone still holds its slot");
        assertEquals(0, db.queryLong("arxiv", "SELECT count(*) FROM pg_stat_activity WHERE datname = 'arxiv' AND state LIKE 'idle in transaction%'"));
    }

    /** Reads until the server closes; true when the body ended with HTTP's last chunk ("0\r\n\r\n"). */
    private static boolean readToTheEnd(InputStream in, ByteArrayOutputStream received) {
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
                if (received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                    return true;
                }
            }
        } catch (IOException reset) {
            // a connection reset is an end without the last chunk too
        }
        return false;
    }

    /** The body of a chunked response, as far as it came. */
    private static String dechunk(String chunked) {
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
            int length = Math.min(size, bytes.length - from);
            body.write(bytes, from, length);
            at = from + size + 2;
        }
        return body.toString(StandardCharsets.UTF_8);
    }
}
