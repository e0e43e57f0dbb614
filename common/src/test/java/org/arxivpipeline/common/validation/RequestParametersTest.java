package org.arxivpipeline.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.arxivpipeline.common.problem.FieldError;
import org.junit.jupiter.api.Test;

class RequestParametersTest {

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
