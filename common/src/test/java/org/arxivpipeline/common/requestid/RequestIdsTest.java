package org.arxivpipeline.common.requestid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc-123", "0af7651916cd43dd8448eb211c80319c", "req_1.2:3"})
    void safeIdsAreKept(String id) {
        assertEquals(id, RequestIds.accept(id));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "quote\"", "new\nline", "tab\t", "ünïcode", "<script>"})
    void unsafeOrMissingIdsAreReplacedByAUuid(String id) {
        String accepted = RequestIds.accept(id);
        assertNotEquals(id, accepted);
        assertTrue(accepted.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), accepted);
    }

    @org.junit.jupiter.api.Test
    void tooLongIdsAreReplaced() {
        assertEquals(128, RequestIds.accept("a".repeat(128)).length());
        assertNotEquals("a".repeat(129), RequestIds.accept("a".repeat(129)));
    }
}
