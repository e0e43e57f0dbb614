package org.arxivpipeline.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaults() {
        assertEquals(new Options(false, false, null, 8080, 54329, 8090), Options.parse(List.of()));
    }

    @Test
    void everyOption() {
        assertEquals(new Options(true, true, "postgresql://db.local:5432", 9000, 6000, 7000),
                Options.parse(List.of("--help", "--arxiv-stub", "--db-url", "postgresql://db.local:5432/", "--base-port", "9000",
                        "--db-port", "6000", "--stub-port", "7000")));
        assertEquals(9010, Options.parse(List.of("--base-port", "9000")).stubPort());
    }

    @Test
    void badOptionsAreRefusedWithAMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--frobnicate"))).getMessage()
                .contains("Unknown option --frobnicate"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--base-port", "http")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--base-port", "70000")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--db-url", "jdbc:postgresql://x/y")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--db-port")));
    }
}
