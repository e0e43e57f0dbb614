package org.arxivpipeline.results.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXEntry;
import org.jbibtex.BibTeXParser;
import org.jbibtex.Key;
import org.jbibtex.LaTeXParser;
import org.jbibtex.LaTeXPrinter;
import org.jbibtex.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Every download format of /read-results read back by a real parser (commons-csv, jbibtex, RIS's line
 * rules, a JSON reader per line) and compared field by field with the JSON pages, with titles and names as
 * arXiv has them (LaTeX, accents, "--", apostrophes, &) and hostile ones (formulas, unbalanced braces, %,
 * backslashes, quotes, line breaks, " and " inside a name).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ExportResultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestPostgres db = TestPostgres.get();

    static final List<Map<String, Object>> FIRST = List.of(
            record("2401.00001v1", "$ω$Test: WebView-Oriented Testing for Android Applications", "Jean-Marc Azaïs, Oliver Weißl", "cs.SE"),
            record("2401.00002v1", "ChatGPT and Software Testing Education: Promises & Perils", "Sólrún Einarsdóttir", "cs.SE"),
            record("2401.00003v2", "Expectations vs Reality -- A Secondary Study; Rao's Score Test (1948-2023)", "Mika V. Mäntylä", "stat.ME"),
            record("2401.00004v1", "=HYPERLINK(\"http://evil\",\"click\")", "@attacker, +Plus Sign", "cs.CR"),
            record("2401.00005v1", "100% {unbalanced } braces \\ backslash ~ ^ _ # $ \"quoted\", and more", "Tom and Jerry, Ann Other", "hep-th"),
            record("hep-th/9901001v1", "-1 + 1 = 0: an old-style id", "R. Feynman", "hep-th"));

    static Map<String, Object> record(String id, String title, String authors, String category) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("arxiv_id", id);
        r.put("title", title);
        r.put("authors", authors);
        r.put("journal", "Phys. Rev. B 1, 2 (2024)");
        r.put("doi", "10.1103/PhysRevB.109_045123");
        r.put("primary_category", category);
        r.put("published", "2024-01-02T03:04:05Z");
        r.put("url", "http://arxiv.org/abs/" + id);
        r.put("abstract", "An abstract, with a comma and \"quotes\".");
        r.put("categories", List.of(category, "stat.ML"));
        r.put("updated", "2024-02-02T03:04:05Z");
        r.put("comment", "12 pages,\nline two");
        r.put("pdf_url", "https://arxiv.org/pdf/" + id);
        return r;
    }

    @BeforeEach
    void stored() throws Exception {
        db.truncate("results");
        write(1, FIRST);
        // query 2 found the first paper again in the same version, and the third in another version
        write(2, List.of(FIRST.get(0), record("2401.00003v1", "Expectations vs Reality, first version", "Mika V. Mäntylä", "stat.ME")));
    }

    private static void write(long queryId, List<Map<String, Object>> results) throws Exception {
        String body = JSON.writeValueAsString(Map.of("query_id", queryId, "timestamp", 1715014689L + queryId, "results", results));
        given().contentType(ContentType.JSON).body(body).when().post("/write-results").then().statusCode(201);
    }

    /** The records as the JSON pages answer them, in their order. */
    private static List<JsonNode> pages(Map<String, ?> filters) throws Exception {
        String page = given().queryParams(filters).queryParam("items_per_page", 100).when().get("/read-results")
                .then().statusCode(200).extract().asString();
        List<JsonNode> records = new ArrayList<>();
        JSON.readTree(page).get("results").forEach(records::add);
        return records;
    }

    private static Response download(String format, Map<String, ?> filters) {
        return given().queryParams(filters).queryParam("format", format).when().get("/read-results").then().statusCode(200).extract().response();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    @Test
    void csvHasAHeaderAndEveryResultFieldByFieldWithoutFormulas() throws Exception {
        Response csv = download("csv", Map.of());
        assertEquals("text/csv; charset=UTF-8", csv.contentType());
        assertEquals("attachment; filename=\"results_all.csv\"", csv.header("Content-Disposition"));
        List<JsonNode> expected = pages(Map.of());
        try (CSVParser parser = CSVParser.parse(csv.asString(), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(List.of("query_id", "result_number", "arxiv_id", "title", "authors", "journal", "doi", "primary_category", "published",
                    "url", "abstract", "categories", "updated", "comment", "pdf_url"), parser.getHeaderNames());
            List<CSVRecord> rows = parser.getRecords();
            assertEquals(expected.size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                JsonNode json = expected.get(i);
                CSVRecord row = rows.get(i);
                for (String field : parser.getHeaderNames()) {
                    String want = field.equals("categories") ? String.join(" ", JSON.convertValue(json.get(field), List.class))
                            : text(json, field);
                    if (want != null && !want.isEmpty() && "=+-@".indexOf(want.charAt(0)) >= 0) {
                        want = "'" + want;
                    }
                    assertEquals(want == null ? "" : want, row.get(field), field + " of row " + i);
                }
            }
            assertEquals("'=HYPERLINK(\"http://evil\",\"click\")", rows.get(3).get("title"));
            assertEquals("'@attacker, +Plus Sign", rows.get(3).get("authors"));
        }
    }

    @Test
    void bibtexIsReadBackWithTheSameTitlesAndAuthorsOneEntryPerVersionWithUniqueKeys() throws Exception {
        Response bib = download("bibtex", Map.of());
        assertEquals("application/x-bibtex; charset=UTF-8", bib.contentType());
        BibTeXDatabase database = new BibTeXParser().parse(new StringReader(bib.asString()));
        List<JsonNode> stored = pages(Map.of());
        Map<String, JsonNode> byVersion = new LinkedHashMap<>();
        stored.forEach(r -> byVersion.putIfAbsent(text(r, "arxiv_id"), r));
        Map<Key, BibTeXEntry> entries = database.getEntries();
        // 8 results, 7 versions (2401.00001v1 twice): one entry each, keys unique (a map would lose a duplicate)
        assertEquals(7, byVersion.size());
        assertEquals(byVersion.size(), entries.size());
        assertEquals(byVersion.size(), bib.asString().split("@misc\\{").length - 1);
        Set<String> versions = new HashSet<>();
        for (BibTeXEntry entry : entries.values()) {
            assertEquals("misc", entry.getType().getValue());
            String eprint = entry.getField(new Key("eprint")).toUserString();
            assertTrue(versions.add(eprint), "one entry per version: " + eprint);
            JsonNode want = byVersion.get(eprint);
            assertEquals(text(want, "title"), latex(entry.getField(BibTeXEntry.KEY_TITLE)), "title of " + eprint);
            assertEquals(List.of(text(want, "authors").split(", ")), names(entry.getField(BibTeXEntry.KEY_AUTHOR)), "authors of " + eprint);
            assertEquals("2024", entry.getField(BibTeXEntry.KEY_YEAR).toUserString());
            assertEquals("arXiv", entry.getField(new Key("archivePrefix")).toUserString());
            assertEquals(text(want, "primary_category"), entry.getField(new Key("primaryClass")).toUserString());
            assertEquals(text(want, "doi"), entry.getField(BibTeXEntry.KEY_DOI).toUserString());
            assertEquals(text(want, "url"), entry.getField(BibTeXEntry.KEY_URL).toUserString());
        }
        assertTrue(entries.containsKey(new Key("azais2024test-2401.00001v1")), entries.keySet().toString());
        assertTrue(entries.containsKey(new Key("feynman2024old-hep-th-9901001v1")), entries.keySet().toString());
        assertTrue(entries.containsKey(new Key("attacker2024hyperlink-2401.00004v1")), entries.keySet().toString());
    }

    /**
     * The titles and names of every entry of the real arXiv answers beside the project (when they are
     * there: a clone has none), stored and downloaded as BibTeX, read back the same.
     */
    @Test
    void realArxivTitlesAndNamesAreReadBackTheSame() throws Exception {
        java.nio.file.Path shared = java.nio.file.Path.of("..", "..", "shared", "fixtures", "arxiv").toAbsolutePath().normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(shared), "no real arXiv answers beside the project");
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        try (var files = java.nio.file.Files.list(shared)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                var feed = factory.newDocumentBuilder().parse(file.toFile());
                var nodes = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
                for (int i = 0; i < nodes.getLength(); i++) {
                    var entry = (org.w3c.dom.Element) nodes.item(i);
                    String id = child(entry, "id");
                    if (id == null || !id.contains("/abs/")) {
                        continue;
                    }
                    List<String> names = new ArrayList<>();
                    var authors = entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "name");
                    for (int a = 0; a < authors.getLength(); a++) {
                        names.add(authors.item(a).getTextContent().trim());
                    }
                    String arxivId = id.substring(id.indexOf("/abs/") + 5);
                    entries.putIfAbsent(arxivId, record(arxivId, child(entry, "title").trim().replaceAll("\\s+", " "),
                            String.join(", ", names), "cs.SE"));
                }
            }
        }
        assertTrue(entries.size() > 50, "real entries read: " + entries.size());
        db.truncate("results");
        write(3, new ArrayList<>(entries.values()));
        BibTeXDatabase database = new BibTeXParser().parse(new StringReader(download("bibtex", Map.of("query_id", 3)).asString()));
        assertEquals(entries.size(), database.getEntries().size());
        for (BibTeXEntry entry : database.getEntries().values()) {
            Map<String, Object> want = entries.get(entry.getField(new Key("eprint")).toUserString());
            assertEquals(want.get("title"), latex(entry.getField(BibTeXEntry.KEY_TITLE)));
            assertEquals(List.of(((String) want.get("authors")).split(", ")), names(entry.getField(BibTeXEntry.KEY_AUTHOR)));
        }
    }

    private static String child(org.w3c.dom.Element entry, String name) {
        var nodes = entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    /**
     * The text a LaTeX reader makes of a BibTeX value: jbibtex's, whose only liberty is to print an apostrophe
     * and a backquote as typographic quotes (as LaTeX does), turned back here. Braces around a name that
     * holds " and " are LaTeX groups and go.
     */
    private static String latex(Value value) throws Exception {
        String printed = new LaTeXPrinter().print(new LaTeXParser().parse(value.toUserString()));
        return printed.replace('\u2019', '\'').replace('\u2018', '`');
    }

    /** The names of an author field as BibTeX splits them: at " and " outside braces. */
    private static List<String> names(Value value) throws Exception {
        String raw = value.toUserString();
        List<String> names = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (depth == 0 && raw.startsWith(" and ", i)) {
                names.add(raw.substring(start, i));
                start = i + 5;
            }
        }
        names.add(raw.substring(start));
        List<String> printed = new ArrayList<>();
        for (String name : names) {
            printed.add(new LaTeXPrinter().print(new LaTeXParser().parse(name)));
        }
        return printed;
    }

    @Test
    void risRecordsFollowTheLineRulesAndCarryTheFields() throws Exception {
        Response ris = download("ris", Map.of("query_id", 1));
        assertEquals("application/x-research-info-systems; charset=UTF-8", ris.contentType());
        assertEquals("attachment; filename=\"results_1.ris\"", ris.header("Content-Disposition"));
        List<JsonNode> stored = pages(Map.of("query_id", 1));
        List<Map<String, List<String>>> records = new ArrayList<>();
        Map<String, List<String>> open = null;
        for (String line : ris.asString().split("\r\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            assertTrue(line.matches("[A-Z][A-Z0-9]  - .*"), "a RIS line: " + line);
            String tag = line.substring(0, 2);
            String value = line.substring(6);
            if (tag.equals("TY")) {
                assertEquals(null, open, "a record starts after the last one ended");
                assertEquals("PREP", value);
                open = new LinkedHashMap<>();
            } else if (tag.equals("ER")) {
                records.add(open);
                open = null;
            } else {
                open.computeIfAbsent(tag, t -> new ArrayList<>()).add(value);
            }
        }
        assertEquals(null, open, "the last record is closed");
        assertEquals(stored.size(), records.size());
        for (int i = 0; i < stored.size(); i++) {
            JsonNode want = stored.get(i);
            Map<String, List<String>> got = records.get(i);
            assertEquals(List.of(text(want, "title")), got.get("TI"));
            assertEquals(List.of(text(want, "authors").split(", ")), got.get("AU"));
            assertEquals(List.of(text(want, "doi")), got.get("DO"));
            assertEquals(List.of(text(want, "url")), got.get("UR"));
            assertEquals(List.of(text(want, "pdf_url")), got.get("L1"));
            assertEquals(List.of("2024"), got.get("PY"));
            assertEquals(List.of(text(want, "abstract")), got.get("AB"));
            assertEquals(List.of(text(want, "comment").replace('\n', ' ')), got.get("N1"));
            assertEquals(JSON.convertValue(want.get("categories"), List.class), got.get("KW"));
        }
    }

    @Test
    void jsonLinesAreTheRecordsOfThePagesOnePerLine() throws Exception {
        Response lines = download("jsonl", Map.of("category", "cs.SE"));
        assertEquals("application/x-ndjson; charset=UTF-8", lines.contentType());
        String body = lines.asString();
        assertTrue(body.endsWith("}\n"), "every line ended");
        List<JsonNode> got = new ArrayList<>();
        for (String line : body.split("\n")) {
            got.add(JSON.readTree(line));
        }
        assertEquals(pages(Map.of("category", "cs.SE")), got);
        assertEquals(3, got.size());
    }

    @Test
    void theAcceptHeaderChoosesAFormatAndFormatWinsOverIt() {
        given().accept("text/csv").when().get("/read-results").then().statusCode(200).contentType(startsWith("text/csv"));
        given().accept("application/x-ndjson").queryParam("format", "ris").when().get("/read-results").then().statusCode(200)
                .contentType(startsWith("application/x-research-info-systems"));
        given().accept("application/json, text/csv;q=0.5").when().get("/read-results").then().statusCode(200)
                .contentType(startsWith("application/json")).body("results.size()", is(8));
        given().accept("*/*").when().get("/read-results").then().statusCode(200).contentType(startsWith("application/json"));
    }

    @Test
    void anUnknownFormatIsA400ListingEveryField() {
        given().queryParam("format", "xlsx").queryParam("items_per_page", 0).when().get("/read-results").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("format"))
                .body("errors.field", hasItem("items_per_page"))
                .body("errors.find { it.field == 'format' }.message", is("must be one of csv, bibtex, ris, jsonl"));
    }

    @Test
    void filtersNarrowADownloadAsTheyNarrowThePages() throws Exception {
        Response csv = download("csv", Map.of("q", "reality", "query_id", 1));
        try (CSVParser parser = CSVParser.parse(csv.asString(), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            List<String> ids = parser.getRecords().stream().map(r -> r.get("arxiv_id")).toList();
            assertEquals(List.of("2401.00003v2"), ids);
        }
        assertEquals("query_id,result_number,arxiv_id,title,authors,journal,doi,primary_category,published,url,abstract,categories,updated,"
                + "comment,pdf_url\r\n", download("csv", Map.of("q", "nothingmatchesthis")).asString(), "no result: the header alone");
        assertEquals("", download("bibtex", Map.of("q", "nothingmatchesthis")).asString());
    }
}
