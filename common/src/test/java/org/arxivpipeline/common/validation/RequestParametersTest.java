package org.arxivpipeline.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.arxivpipeline.common.problem.FieldError;
import org.junit.jupiter.api.Test;

class RequestParametersTest {

    @Test
    void aSearchNeedsOneFieldOfAtMost300CharactersAndMaxResultsInRange() {
        InputErrors ok = new InputErrors();
        assertEquals(new SearchRequest(null, "electron", null, 10), SearchRequest.read(" ", "electron", "", null, 10, ok));
        assertEquals(List.of(), ok.list());

        InputErrors none = new InputErrors();
        assertNull(SearchRequest.read(" ", null, "", "2001", 10, none));
        assertEquals(4, none.list().size());
        assertEquals(new FieldError("author", "at least one of title, author, journal is required"), none.list().get(0));
        assertEquals(new FieldError("max_results", "must be between 1 and 2000"), none.list().get(3));

        InputErrors tooLong = new InputErrors();
        assertNull(SearchRequest.read("ok", "x".repeat(301), null, "ten", 10, tooLong));
        assertEquals(List.of(new FieldError("title", "must be at most 300 characters"),
                new FieldError("max_results", "must be an integer")), tooLong.list());
    }

    @Test
    void pageParametersAreBoundedAndAbsentOnesStayNull() {
        InputErrors ok = new InputErrors();
        assertEquals(new PageRequest(null, null, null, null), PageRequest.read(null, "", null, "", ok));
        assertEquals(new PageRequest(42L, 3L, 100, "abc"), PageRequest.read("42", "3", "100", "abc", ok));
        assertEquals(List.of(), ok.list());

        InputErrors bad = new InputErrors();
        PageRequest.read("0", "-1", "101", "c".repeat(201), bad);
        assertEquals(List.of("query_id", "page", "items_per_page", "cursor"), bad.list().stream().map(FieldError::field).toList());
    }
}
