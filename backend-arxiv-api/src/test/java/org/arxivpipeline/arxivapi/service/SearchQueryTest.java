package org.arxivpipeline.arxivapi.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;

import org.arxivpipeline.common.problem.FieldError;
import org.arxivpipeline.common.validation.InputErrors;
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

    @ParameterizedTest
    @MethodSource("table")
    void buildsTheQuery(String title, String author, String journal, String expected) {
        InputErrors errors = new InputErrors();
        assertEquals(expected, SearchQuery.build(title, author, journal, errors));
        assertEquals(List.of(), errors.list());
    }

    @Test
    void aFieldWithNoWordLeftIsAnError() {
        InputErrors errors = new InputErrors();
        assertNull(SearchQuery.build("((( )))", "OR", "electron", errors));
        assertEquals(List.of(new FieldError("title", "has no word to search for"), new FieldError("author", "has no word to search for")),
                errors.list());
    }
}
