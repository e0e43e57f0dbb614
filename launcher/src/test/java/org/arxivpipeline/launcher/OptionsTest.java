package org.arxivpipeline.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaults() {
        assertEquals(new Options(false, false, null, 8080, 54329, 8090, 1, false), Options.parse(List.of()));
    }

    @Test
    void everyOption() {
        assertEquals(new Options(true, true, "postgresql://db.local:5432", 9000, 6000, 7000, 3, false),
                Options.parse(List.of("--help", "--arxiv-stub", "--db-url", "postgresql://db.local:5432/", "--base-port", "9000",
                        "--db-port", "6000", "--stub-port", "7000", "--replicas", "3")));
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

    @Test
    void replicasFromOneToNine() {
        assertEquals(1, Options.parse(List.of("--replicas", "1")).replicas());
        assertEquals(9, Options.parse(List.of("--replicas", "9")).replicas());
        for (String bad : List.of("0", "10", "-1", "two", "2.5", "")) {
            assertEquals("--replicas must be a number from 1 to 9, not " + bad,
                    assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--replicas", bad))).getMessage());
        }
        assertEquals("--replicas needs a value", assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of("--replicas"))).getMessage());
        assertTrue(Options.USAGE.contains("--replicas N"));
    }

    @Test
    void aReadReplicaOnlyOfTheEmbeddedDatabase() {
        assertTrue(Options.parse(List.of("--read-replica")).readReplica());
        assertFalse(Options.parse(List.of()).readReplica());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of("--read-replica", "--db-url", "postgresql://db.local:5432"))).getMessage()
                .contains("READ_DATASOURCE_URL"));
        assertTrue(Options.USAGE.contains("--read-replica"));
    }
}
