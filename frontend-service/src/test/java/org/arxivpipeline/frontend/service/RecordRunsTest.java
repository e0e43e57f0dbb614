package org.arxivpipeline.frontend.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

class RecordRunsTest {

    /** Strings with every character that could be mistaken for structure: quotes, escapes, braces, brackets, commas. */
    private static final String RECORDS = """
            {"query_id":1,"time":"2024-05-06T16:58:09Z","query":"ArXiv Query: ti:\\"a}b\\" AND au:x"},\
            {"query_id":2,"query":"ArXiv Query: ti:[x],{y} \\\\"},\
            {"query_id":3,"query":"ArXiv Query: ti:é\\u00e9"}""";
    private static final String ARRAY = "[" + RECORDS + "]";

    private static final byte[] BYTES = ARRAY.getBytes(StandardCharsets.UTF_8);

    @Test
    void recordsCutAtEveryByteComeOutWholeAndUnchanged() {
        for (int cut = 0; cut <= BYTES.length; cut++) {
            for (int second = cut; second <= BYTES.length; second += 7) {
                RecordRuns runs = new RecordRuns();
                List<String> out = new ArrayList<>();
                for (byte[] part : List.of(Arrays.copyOfRange(BYTES, 0, cut), Arrays.copyOfRange(BYTES, cut, second),
                        Arrays.copyOfRange(BYTES, second, BYTES.length))) {
                    Buffer run = runs.feed(Buffer.buffer(part));
                    if (run.length() > 0) {
                        out.add(run.toString());
                    }
                }
                runs.finish();
                // Quarkus REST joins the runs with commas inside brackets: the same array, byte for byte
                assertEquals(ARRAY, "[" + String.join(",", out) + "]", "cut at " + cut + " and " + second);
                out.forEach(run -> assertEquals('{', run.charAt(0), "a run starts with a record: " + run));
                assertEquals(3, runs.records());
                assertEquals(BYTES.length, runs.bytes());
            }
        }
    }

    @Test
    void anEmptyHistoryIsNoRun() {
        RecordRuns runs = new RecordRuns();
        assertEquals(0, runs.feed(Buffer.buffer("[")).length());
        assertEquals(0, runs.feed(Buffer.buffer("]")).length());
        assertDoesNotThrow(runs::finish);
        assertEquals(0, runs.records());
    }

    @Test
    void aStreamCutShortFails() {
        for (int length = 0; length < BYTES.length; length++) {
            RecordRuns runs = new RecordRuns();
            runs.feed(Buffer.buffer(Arrays.copyOf(BYTES, length)));
            assertThrows(IllegalStateException.class, runs::finish, "cut at " + length);
        }
    }
}
