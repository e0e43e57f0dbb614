package org.arxivpipeline.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.arxivpipeline.common.problem.FieldError;
import org.arxivpipeline.common.time.TimestampParser;
import org.arxivpipeline.common.validation.SearchRequest.SortBy;
import org.arxivpipeline.common.validation.SearchRequest.SortOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every parameter of a search, its defaults and its bad values, each listed with the others. */
class SearchRequestTest {

    private static final TimestampParser UTC = new TimestampParser(ZoneOffset.UTC);

    private static SearchParameters parameters(String... namesAndValues) {
        SearchParameters p = new SearchParameters();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            switch (namesAndValues[i]) {
                case "author" -> p.author = value;
                case "title" -> p.title = value;
                case "journal" -> p.journal = value;
                case "abstract" -> p.abstractText = value;
                case "all" -> p.all = value;
                case "category" -> p.category = value;
                case "ids" -> p.ids = value;
                case "submitted_from" -> p.submittedFrom = value;
                case "submitted_to" -> p.submittedTo = value;
                case "sort_by" -> p.sortBy = value;
                case "sort_order" -> p.sortOrder = value;
                case "start" -> p.start = value;
                case "max_results" -> p.maxResults = value;
                default -> throw new IllegalArgumentException(namesAndValues[i]);
            }
        }
        return p;
    }

    private static SearchRequest valid(String... namesAndValues) {
        InputErrors errors = new InputErrors();
        SearchRequest request = SearchRequest.read(parameters(namesAndValues), 10, UTC, errors);
        assertEquals(List.of(), errors.list());
        assertNotNull(request);
        return request;
    }

    private static List<FieldError> invalid(String... namesAndValues) {
        InputErrors errors = new InputErrors();
        assertNull(SearchRequest.read(parameters(namesAndValues), 10, UTC, errors));
        return errors.list();
    }

    @Test
    void defaultsAndBlankFields() {
        assertEquals(new SearchRequest(null, "electron", null, null, null, List.of(), List.of(), null, null, SortBy.RELEVANCE,
                SortOrder.DESCENDING, 0, 10), valid("author", " ", "title", "electron", "journal", "", "sort_by", "", "start", ""));
    }

    @Test
    void everyParameterIsReadAndPassedOnNormalised() {
        SearchRequest request = valid("author", "\"del maestro\"", "abstract", "graphene", "all", "x", "category", " cs.LG, stat.ML,cs.LG",
                "ids", "2405.01234v2 , hep-th/9901001,math.CO/0101001v1", "submitted_from", "2024-01-01", "submitted_to", "2024-12-31",
                "sort_by", "Submitted", "sort_order", "ascending", "start", "100", "max_results", "50");
        assertEquals(List.of("cs.LG", "stat.ML"), request.categories(), "stripped, duplicates dropped, in their order");
        assertEquals("2405.01234v2,hep-th/9901001,math.CO/0101001v1", request.idList());
        assertEquals(1704067200L, request.submittedFrom(), "a date alone: its start");
        assertEquals(1735689599L, request.submittedTo(), "a date alone as the end: its last second");
        assertEquals(SortBy.SUBMITTED, request.sortBy());
        assertEquals("submittedDate", request.sortBy().arxivName());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("author", "\"del maestro\"");
        expected.put("abstract", "graphene");
        expected.put("all", "x");
        expected.put("category", "cs.LG,stat.ML");
        expected.put("ids", "2405.01234v2,hep-th/9901001,math.CO/0101001v1");
        expected.put("submitted_from", "1704067200");
        expected.put("submitted_to", "1735689599");
        expected.put("sort_by", "submitted");
        expected.put("sort_order", "ascending");
        expected.put("start", "100");
        expected.put("max_results", "50");
        assertEquals(expected, request.queryParameters());
        assertEquals(request, valid(request.queryParameters().entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new)),
                "what the frontend passes on reads back as the same request");
    }

    @Test
    void datesInTheConfiguredZoneAndWithTimes() {
        TimestampParser paris = new TimestampParser(ZoneId.of("Europe/Paris"));
        InputErrors errors = new InputErrors();
        SearchRequest request = SearchRequest.read(parameters("all", "x", "submitted_from", "2024-05-06T18:58:09", "submitted_to",
                "2024-05-07"), 10, paris, errors);
        assertEquals(1715014689L, request.submittedFrom());
        assertEquals(1715119199L, request.submittedTo(), "the end of 7 May in Paris: 21:59:59 UTC");
        assertEquals(1715014689L, valid("all", "x", "submitted_to", "1715014689").submittedTo());
        assertEquals(1715014689L, valid("all", "x", "submitted_from", "2024-05-06T16:58:09Z").submittedFrom());
    }

    @Test
    void idsAloneOrACategoryAloneAreASearch() {
        assertEquals(List.of("2405.01234"), valid("ids", "2405.01234").ids());
        assertEquals(List.of("hep-th"), valid("category", "hep-th").categories());
        assertEquals(List.of("solv-int"), valid("category", "solv-int").categories(), "a defunct archive still on old papers");
    }

    @Test
    void withoutAnyFieldEveryOneIsNamedAndDatesAloneDoNotCount() {
        List<FieldError> errors = invalid("submitted_from", "2024-01-01");
        assertEquals(List.of("author", "title", "journal", "abstract", "all", "category", "ids"), fields(errors));
        assertEquals("at least one of author, title, journal, abstract, all, category, ids is required", errors.get(0).message());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "title|" + "x" + "|max_results|0|max_results|must be between 1 and 2000",
        "title|x|max_results|2001|max_results|must be between 1 and 2000",
        "title|x|max_results|ten|max_results|must be an integer",
        "title|x|start|-1|start|must be between 0 and 29999",
        "title|x|start|30000|start|must be between 0 and 29999",
        "title|x|start|1e3|start|must be an integer",
        "title|x|sort_by|date|sort_by|must be one of relevance, submitted, updated",
        "title|x|sort_by|submittedDate|sort_by|must be one of relevance, submitted, updated",
        "title|x|sort_order|desc|sort_order|must be one of descending, ascending",
        "title|x|submitted_from|yesterday|submitted_from|must be Unix seconds, 2024-05-06, 2024-05-06T18:58:09, 2024-05-06T16:58:09Z or 2024-05-06T18:58:09+02:00",
        "title|x|submitted_to|2024-13-01|submitted_to|must be Unix seconds, 2024-05-06, 2024-05-06T18:58:09, 2024-05-06T16:58:09Z or 2024-05-06T18:58:09+02:00",
        "title|x|category|cs.lg|category|unknown arXiv category 'cs.lg' (did you mean cs.LG, cs.CG, cs.GL?); ids are written as arXiv writes them, e.g. cs.LG, hep-th, math.CO",
        "title|x|category|cs.LG,,stat.ML|category|has an empty item between commas",
        "title|x|category|cat:cs.LG) OR (ti:x|category|unknown arXiv category 'cat:cs.LG) OR (ti:x'; ids are written as arXiv writes them, e.g. cs.LG, hep-th, math.CO",
        "title|x|ids|abc|ids|not arXiv ids: 'abc'; ids look like 2405.01234, 2405.01234v2, hep-th/9901001 or math.CO/0101001v1",
        "title|x|ids|2405.123|ids|not arXiv ids: '2405.123'; ids look like 2405.01234, 2405.01234v2, hep-th/9901001 or math.CO/0101001v1",
        "title|x|ids|2405.01234v0|ids|not arXiv ids: '2405.01234v0'; ids look like 2405.01234, 2405.01234v2, hep-th/9901001 or math.CO/0101001v1",
        "title|x|ids|2405.01234 OR ti:x|ids|not arXiv ids: '2405.01234 OR ti:x'; ids look like 2405.01234, 2405.01234v2, hep-th/9901001 or math.CO/0101001v1",
        "title|x|ids|HEP-TH/9901001|ids|not arXiv ids: 'HEP-TH/9901001'; ids look like 2405.01234, 2405.01234v2, hep-th/9901001 or math.CO/0101001v1",
    })
    void eachBadValueIsNamed(String field1, String value1, String field2, String value2, String field, String message) {
        assertEquals(List.of(new FieldError(field, message)), invalid(field1, value1, field2, value2));
    }

    @Test
    void combinationsBeyondArxivsLimitsAreRefused() {
        assertEquals(List.of(new FieldError("start", "start + max_results must be at most 30000 (arXiv's limit)")),
                invalid("title", "x", "start", "29000", "max_results", "1001"));
        valid("title", "x", "start", "28000", "max_results", "2000");
        assertEquals(List.of(new FieldError("submitted_from", "must not be after submitted_to")),
                invalid("title", "x", "submitted_from", "2024-02-01", "submitted_to", "2024-01-31"));
        valid("title", "x", "submitted_from", "2024-01-31", "submitted_to", "2024-01-31");
        String hundredAndOne = IntStream.range(0, 101).mapToObj(i -> "2405.%05d".formatted(i)).collect(Collectors.joining(","));
        assertEquals(List.of(new FieldError("ids", "must hold at most 100 ids (101 given)")), invalid("ids", hundredAndOne));
        assertEquals(100, valid("ids", hundredAndOne.substring(hundredAndOne.indexOf(',') + 1)).ids().size());
    }

    @Test
    void everyInvalidParameterIsListedAtOnce() {
        List<FieldError> errors = invalid("title", "x".repeat(301), "abstract", "y".repeat(301), "category", "nope", "ids", "1", "submitted_from",
                "x", "sort_by", "x", "sort_order", "x", "start", "x", "max_results", "x");
        assertEquals(List.of("title", "abstract", "category", "ids", "submitted_from", "sort_by", "sort_order", "start", "max_results"),
                fields(errors));
        assertTrue(errors.get(0).message().contains("300"));
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }
}
