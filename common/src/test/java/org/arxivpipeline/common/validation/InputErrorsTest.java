package org.arxivpipeline.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.arxivpipeline.common.problem.FieldError;
import org.arxivpipeline.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class InputErrorsTest {

    @Test
    void integerParametersAreParsedBoundedAndDefaulted() {
        InputErrors errors = new InputErrors();
        assertEquals(10L, errors.integer("a", null, 1, 100, 10L));
        assertEquals(10L, errors.integer("b", "", 1, 100, 10L));
        assertEquals(42L, errors.integer("c", " 42 ", 1, 100, 10L));
        assertEquals(7L, errors.integer("d", "+7", 1, 100, 10L));
        assertTrue(errors.isEmpty());
        assertNull(errors.optionalInteger("e", null, 1, 100));
    }

    @Test
    void everyBadParameterIsRecordedThenThrownTogether() {
        InputErrors errors = new InputErrors();
        errors.integer("missing", null, 1, 100, null);
        errors.integer("word", "ten", 1, 100, 10L);
        errors.integer("low", "0", 1, 100, 10L);
        errors.integer("high", "101", 1, 100, 10L);
        errors.integer("huge", "99999999999999999999", 1, 100, 10L);
        errors.integer("decimal", "1.5", 1, 100, 10L);
        ProblemException problem = assertThrows(ProblemException.class, errors::throwIfAny);
        assertEquals(400, problem.status());
        assertEquals(List.of(
                new FieldError("missing", "is required"),
                new FieldError("word", "must be an integer"),
                new FieldError("low", "must be between 1 and 100"),
                new FieldError("high", "must be between 1 and 100"),
                new FieldError("huge", "must be between 1 and 100"),
                new FieldError("decimal", "must be an integer")), problem.errors());
        assertEquals("6 invalid fields", problem.detail());
    }

    @Test
    void jsonFieldsAreCheckedForPresenceTypeRangeAndLength() throws Exception {
        InputErrors errors = new InputErrors();
        JsonBody body = JsonBody.root(new ObjectMapper().readTree("""
                {"n": 5, "big": 18446744073709551616, "f": 2.5, "s": "ok", "blank": " ", "long": "abcdef", "nul": "a\\u0000b", "num": 3}"""),
                errors);
        assertEquals(5L, body.integer("n", 0, 10));
        assertNull(body.integer("big", 0, Long.MAX_VALUE));
        assertNull(body.integer("f", 0, 10));
        assertNull(body.integer("absent", 0, 10));
        assertEquals("ok", body.text("s", 5, true));
        assertNull(body.text("blank", 5, true));
        assertNull(body.text("long", 5, false));
        assertNull(body.text("nul", 5, false));
        assertNull(body.text("num", 5, false));
        assertNull(body.text("absent", 5, false));
        assertEquals(List.of(
                new FieldError("big", "must be between 0 and 9223372036854775807"),
                new FieldError("f", "must be an integer"),
                new FieldError("absent", "is required"),
                new FieldError("blank", "must not be blank"),
                new FieldError("long", "must be at most 5 characters"),
                new FieldError("nul", "must not contain the NUL character"),
                new FieldError("num", "must be a string")), errors.list());
    }
}
