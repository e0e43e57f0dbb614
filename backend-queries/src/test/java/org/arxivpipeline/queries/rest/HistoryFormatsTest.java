package org.arxivpipeline.queries.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.arxivpipeline.common.export.ExportFormat;
import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.RawDownload;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The history as CSV and JSON Lines: the records of the JSON array field by field, and a stream cut short never looks whole. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class HistoryFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestPostgres db = TestPostgres.get();

    @BeforeEach
    void history() {
        db.truncate("queries");
        db.execute("arxiv", """
                INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query, sort_by, sort_order, start, id_list, complete)
                VALUES (42, 1715014689, 200, 1532, 10, 'ti:electron AND au:"del maestro"', 'relevance', 'descending', 0, NULL, true),
                       (43, 1715014700, 200, 2, 2, '-ti:x, =cmd', 'submitted', 'ascending', 10, '2405.01234,hep-th/9901001', false)""");
    }

    private static JsonNode array(String form) throws Exception {
        return JSON.readTree(given().queryParam("start_timestamp", 0).queryParam("form", form).when().get("/read-queries")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void csvInEitherFormCarriesTheFieldsOfTheJsonRecords() throws Exception {
        for (String form : List.of("public", "stored")) {
            String csv = given().queryParam("start_timestamp", 0).queryParam("form", form).queryParam("format", "csv").when().get("/read-queries")
                    .then().statusCode(200).contentType("text/csv; charset=UTF-8").header("X-Record-Form", form).extract().asString();
            JsonNode records = array(form);
            try (CSVParser parser = CSVParser.parse(csv, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
                List<String> fields = new ArrayList<>();
                records.get(0).fieldNames().forEachRemaining(fields::add);
                assertEquals(fields, parser.getHeaderNames(), "the JSON record's fields, in its order");
                List<CSVRecord> rows = parser.getRecords();
                assertEquals(records.size(), rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    for (String field : fields) {
                        JsonNode value = records.get(i).get(field);
                        String want = value.isNull() ? "" : value.asText();
                        if (!want.isEmpty() && "=+-@".indexOf(want.charAt(0)) >= 0) {
                            want = "'" + want;
                        }
                        assertEquals(want, rows.get(i).get(field), form + " " + field + " of row " + i);
                    }
                }
            }
        }
    }

    @Test
    void jsonLinesAreTheRecordsOfTheArrayOnePerLine() throws Exception {
        String lines = given().queryParam("start_timestamp", 0).queryParam("form", "public").accept("application/x-ndjson")
                .when().get("/read-queries").then().statusCode(200).contentType("application/x-ndjson; charset=UTF-8").extract().asString();
        assertTrue(lines.endsWith("}\n"));
        List<JsonNode> got = new ArrayList<>();
        for (String line : lines.split("\n")) {
            got.add(JSON.readTree(line));
        }
        List<JsonNode> want = new ArrayList<>();
        array("public").forEach(want::add);
        assertEquals(want, got);
    }

    @Test
    void anEmptyRangeIsAnEmptyArrayOrAHeaderAlone() {
        given().queryParam("start_timestamp", 0).queryParam("end_timestamp", 1).when().get("/read-queries")
                .then().statusCode(200).contentType("application/json").body(org.hamcrest.Matchers.is("[]"));
        assertEquals("query_id,timestamp,status,num_results,num_entries,query,sort_by,sort_order,start,id_list,complete,watch_id\r\n",
                given().queryParam("start_timestamp", 0).queryParam("end_timestamp", 1).queryParam("format", "csv").when().get("/read-queries")
                        .then().statusCode(200).extract().asString());
        assertEquals("", given().queryParam("start_timestamp", 0).queryParam("end_timestamp", 1).queryParam("format", "jsonl")
                .when().get("/read-queries").then().statusCode(200).extract().asString());
    }

    @Test
    void aFormatTheHistoryDoesNotOfferIsA400() {
        given().queryParam("start_timestamp", 0).queryParam("format", "bibtex").when().get("/read-queries").then().statusCode(400)
                .body("errors.field", hasItem("format"));
    }

    @Test
    void theDatabaseStoppingMidHistoryCutsEveryFormVisibly() throws Exception {
        db.execute("arxiv", """
                INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query)
                SELECT 1000 + g, 1500000000 + g, 200, g, 10, 'ti:a long enough query to fill the sockets between test and service ' || g
                FROM generate_series(1, 300000) AS g""");
        for (String format : List.of("csv", "jsonl", "json")) {
            String query = "/read-queries?start_timestamp=1500000000&end_timestamp=1600000000&form=public" + (format.equals("json") ? "" : "&format=" + format);
            try (RawDownload download = RawDownload.get(RestAssured.port, query).read(64 * 1024)) {
                download.readToTheEndWhileTheDatabaseStops(db);
                assertTrue(download.head().startsWith("HTTP/1.1 200"), download.head());
                assertFalse(download.endedWithLastChunk(), format + ": closed, not ended with the last chunk");
                String body = download.body();
                String tail = body.substring(Math.max(0, body.length() - 200));
                switch (format) {
                    case "csv" -> assertTrue(body.endsWith(ExportFormat.CSV.cutMark()), tail);
                    case "jsonl" -> assertTrue(body.endsWith(ExportFormat.JSONL.cutMark()), tail);
                    default -> assertFalse(body.endsWith("]"), "an array without its closing bracket: " + tail);
                }
            }
            // the service reads again once the database is back
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                    given().queryParam("start_timestamp", 0).queryParam("end_timestamp", 1).when().get("/read-queries").then().statusCode(200));
        }
    }
}
