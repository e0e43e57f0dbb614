package org.arxivpipeline.arxivapi.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;

import org.arxivpipeline.common.problem.FieldError;
import org.arxivpipeline.common.validation.InputErrors;
import org.arxivpipeline.common.validation.SearchRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** User input → search_query: the structure of the query is ours whatever the user types. */
class SearchQueryTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // title, author, journal → search_query
                Arguments.of("electron", "\"del maestro\"", null, "ti:electron AND au:\"del maestro\""),
                Arguments.of("quantum dots", null, null, "ti:quantum AND ti:dots"),
                Arguments.of(null, "del maestro", null, "au:del AND au:maestro"),
                Arguments.of(null, null, "Phys. Rev. B", "jr:Phys. AND jr:Rev. AND jr:B"),
                Arguments.of("\"quantum criticality\"", "Murray", "\"Phys. Rev.\"",
                        "ti:\"quantum criticality\" AND au:Murray AND jr:\"Phys. Rev.\""),
                // injections of operators, grouping, fields and URL syntax
                Arguments.of("electron OR ti:anything", null, null, "ti:electron AND ti:ti AND ti:anything"),
                Arguments.of("a ANDNOT b", null, null, "ti:a AND ti:b"),
                Arguments.of("x) OR (au:y", null, null, "ti:x AND ti:au AND ti:y"),
                Arguments.of("foo&max_results=30000", null, null, "ti:foo AND ti:max_results AND ti:30000"),
                Arguments.of("foo#bar", null, null, "ti:foo AND ti:bar"),
                Arguments.of("100% pure", null, null, "ti:100 AND ti:pure"),
                Arguments.of("and or not andnot electron", "Smith", null, "ti:electron AND au:Smith"),
                Arguments.of("-excluded +required", null, null, "ti:excluded AND ti:required"),
                Arguments.of("wild* card? fuzzy~2 boost^3", null, null, "ti:wild AND ti:card AND ti:fuzzy AND ti:2 AND ti:boost AND ti:3"),
                Arguments.of("[a TO z] {b}", null, null, "ti:a AND ti:TO AND ti:z AND ti:b"),
                Arguments.of("back\\slash/slash", null, null, "ti:back AND ti:slash AND ti:slash"),
                // quotes
                Arguments.of("\"war AND peace\"", null, null, "ti:\"war and peace\""),
                Arguments.of("\"unpaired quote", null, null, "ti:unpaired AND ti:quote"),
                Arguments.of("\"in \"nested\" quotes\"", null, null, "ti:\"in nested quotes\""),
                Arguments.of("'OR' O'Brien's", null, null, "ti:O'Brien's"),
                // hyphens, apostrophes, LaTeX, unicode
                Arguments.of("Hartree-Fock --flag", null, null, "ti:Hartree-Fock AND ti:flag"),
                Arguments.of("$\\alpha$-decay of $^{3}$He", null, null, "ti:alpha AND ti:decay AND ti:of AND ti:3 AND ti:He"),
                Arguments.of(null, "Ramírez", null, "au:Ramírez"),
                Arguments.of(null, "Rami\u0301rez", null, "au:Ram\u00edrez"),
                Arguments.of("李 雷 ω-phase", null, null, "ti:李 AND ti:雷 AND ti:ω-phase"),
                Arguments.of("tab\there\nnew\u0000line\u200bzero", null, null, "ti:tab AND ti:here AND ti:new AND ti:line AND ti:zero"),
                Arguments.of("  spaced   out  ", null, null, "ti:spaced AND ti:out"),
                Arguments.of("del_maestro", null, null, "ti:del_maestro"),
                Arguments.of("x".repeat(300), null, null, "ti:" + "x".repeat(300)));
    }

    /** Abstract, all, categories and dates: their clauses, in their place after the fields above. */
    static Stream<Arguments> laterFields() {
        return Stream.of(
                // abstract, all, categories, submitted from, submitted to → search_query
                Arguments.of("graphene", null, List.of(), null, null, "abs:graphene"),
                Arguments.of("\"quantum criticality\"", "Murray", List.of(), null, null, "abs:\"quantum criticality\" AND all:Murray"),
                Arguments.of(null, "x OR abs:y) ANDNOT (cat:z", List.of(), null, null, "all:x AND all:abs AND all:y AND all:cat AND all:z"),
                Arguments.of("\"a\" OR \"b\"", null, List.of(), null, null, "abs:\"a or b\""),
                Arguments.of(null, null, List.of("cs.LG"), null, null, "cat:cs.LG"),
                Arguments.of(null, null, List.of("cs.LG", "stat.ML", "hep-th"), null, null, "(cat:cs.LG OR cat:stat.ML OR cat:hep-th)"),
                Arguments.of(null, "llm", List.of("cs.CL"), 1704067200L, 1735689599L,
                        "all:llm AND cat:cs.CL AND submittedDate:[202401010000 TO 202412312359]"),
                Arguments.of(null, "x", List.of(), 1715014689L, null, "all:x AND submittedDate:[202405061658 TO 999912312359]"),
                Arguments.of(null, "x", List.of(), null, 1715014689L, "all:x AND submittedDate:[199101010000 TO 202405061658]"),
                Arguments.of(null, null, List.of(), 0L, 0L, "submittedDate:[197001010000 TO 197001010000]"));
    }

    private static SearchRequest request(String title, String author, String journal, String abstractText, String all,
            List<String> categories, Long from, Long to) {
        return new SearchRequest(author, title, journal, abstractText, all, categories, List.of(), from, to, SearchRequest.SortBy.RELEVANCE,
                SearchRequest.SortOrder.DESCENDING, 0, 10);
    }

    @ParameterizedTest
    @MethodSource("table")
    void buildsTheQuery(String title, String author, String journal, String expected) {
        InputErrors errors = new InputErrors();
        assertEquals(expected, SearchQuery.build(request(title, author, journal, null, null, List.of(), null, null), errors));
        assertEquals(List.of(), errors.list());
    }

    @ParameterizedTest
    @MethodSource("laterFields")
    void buildsTheLaterFields(String abstractText, String all, List<String> categories, Long from, Long to, String expected) {
        InputErrors errors = new InputErrors();
        assertEquals(expected, SearchQuery.build(request(null, null, null, abstractText, all, categories, from, to), errors));
        assertEquals(List.of(), errors.list());
    }

    @Test
    void everyFieldInItsPlace() {
        InputErrors errors = new InputErrors();
        assertEquals("ti:t AND au:a AND jr:j AND abs:b AND all:l AND (cat:math.CO OR cat:solv-int) AND submittedDate:[202401010000 TO "
                + "999912312359]", SearchQuery.build(request("t", "a", "j", "b", "l", List.of("math.CO", "solv-int"), 1704067200L, null),
                        errors));
    }

    @Test
    void idsAloneSendNoSearchQuery() {
        InputErrors errors = new InputErrors();
        SearchRequest ids = new SearchRequest(null, null, null, null, null, List.of(), List.of("2405.01234"), null, null,
                SearchRequest.SortBy.RELEVANCE, SearchRequest.SortOrder.DESCENDING, 0, 10);
        assertEquals("", SearchQuery.build(ids, errors));
    }

    @Test
    void aFieldWithNoWordLeftIsAnError() {
        InputErrors errors = new InputErrors();
        assertNull(SearchQuery.build(request("((( )))", "OR", "electron", "--", "x", List.of(), null, null), errors));
        assertEquals(List.of(new FieldError("title", "has no word to search for"), new FieldError("author", "has no word to search for"),
                new FieldError("abstract", "has no word to search for")), errors.list());
    }
}
