package org.arxivpipeline.frontend.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.testsupport.RawDownload;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * A backend download that breaks off after its first bytes is passed on as far as it came and then ended
 * visibly: the format's cut mark (once: not again after a backend's own), and no HTTP last chunk. A JSON
 * history the backend did not close is never closed by the frontend.
 */
@QuarkusTest
@WithTestResource(BrokenDownloadStandIn.class)
class DownloadBreaksOffTest {

    private static RawDownload download(String pathAndQuery) {
        return RawDownload.get(RestAssured.port, pathAndQuery).readToTheEnd();
    }

    @Test
    void eachFormatOfResultsEndsWithItsCutMarkAndNoLastChunk() throws Exception {
        for (ExportFormat format : ExportFormat.values()) {
            try (RawDownload download = download("/results?query_id=2&format=" + format.formatName())) {
                assertTrue(download.head().startsWith("HTTP/1.1 200"), download.head());
                assertFalse(download.endedWithLastChunk(), format + ": closed, not ended");
                assertEquals(BrokenDownloadStandIn.SENT.get(format.formatName()) + format.cutMark(), download.body(), format.formatName());
            }
        }
    }

    @Test
    void aBackendsOwnCutMarkIsNotRepeated() throws Exception {
        try (RawDownload download = download("/results?query_id=1&format=csv")) {
            assertFalse(download.endedWithLastChunk());
            assertEquals(BrokenDownloadStandIn.SENT.get("csv") + ExportFormat.CSV.cutMark(), download.body());
        }
    }

    @Test
    void aHistoryDownloadEndsWithItsCutMarkOrWithoutItsBracket() throws Exception {
        try (RawDownload download = download("/queries?start_timestamp=0&format=jsonl")) {
            assertFalse(download.endedWithLastChunk());
            assertEquals(BrokenDownloadStandIn.SENT.get("jsonl") + ExportFormat.JSONL.cutMark(), download.body());
        }
        try (RawDownload download = download("/queries?start_timestamp=0")) {
            assertFalse(download.endedWithLastChunk());
            String body = download.body();
            assertTrue(body.startsWith("[{\"query_id\":42"), body);
            assertFalse(body.endsWith("]"), body);
        }
    }
}
