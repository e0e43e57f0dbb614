package org.arxivpipeline.results.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.arxivpipeline.testsupport.RawDownload;
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
        try (RawDownload download = RawDownload.get(RestAssured.port, "/read-results?format=csv").read(64 * 1024)) {
            download.readToTheEndWhileTheDatabaseStops(db);
            assertTrue(download.head().startsWith("HTTP/1.1 200"), download.head());
            assertTrue(download.head().toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked"), "streamed in chunks");
            assertFalse(download.endedWithLastChunk(), "the connection is closed, not ended with the last chunk");
            String body = download.body();
            assertTrue(body.endsWith(ExportFormat.CSV.cutMark()), body.substring(Math.max(0, body.length() - 300)));
            assertTrue(body.length() < 40_000 * 1_500, "cut short: " + body.length() + " bytes");
            // a CSV reader does not take it for a whole file
            assertThrows(UncheckedIOException.class, () -> {
                try (CSVParser parser = CSVParser.parse(body, CSVFormat.RFC4180.builder().setHeader().get())) {
                    parser.getRecords();
                }
            });
        }
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
}
