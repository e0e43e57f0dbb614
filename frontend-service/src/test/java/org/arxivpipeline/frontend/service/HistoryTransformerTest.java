package org.arxivpipeline.frontend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

class HistoryTransformerTest {

    static final String STORED = """
            [{"query_id":7,"timestamp":1715014689,"status":200,"num_results":1532,"num_entries":10,"query":"ti:électron AND au:\\"del maestro\\""},
             {"query_id":8,"timestamp":0,"status":200,"num_results":0,"num_entries":0,"query":"jr:x"}]""";

    static final String CLIENT = "{\"query_id\":7,\"timestamp\":1715014689,\"time\":\"2024-05-06T16:58:09Z\",\"status\":200,"
            + "\"num_results\":1532,\"num_entries\":10,\"query\":\"ArXiv Query: ti:électron AND au:\\\"del maestro\\\"\"},"
            + "{\"query_id\":8,\"timestamp\":0,\"time\":\"1970-01-01T00:00:00Z\",\"status\":200,\"num_results\":0,\"num_entries\":0,"
            + "\"query\":\"ArXiv Query: jr:x\"}";

    @Test
    void recordsCutAtEveryByteComeOutWholeAndInOrder() {
        byte[] bytes = STORED.getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < bytes.length; cut++) {
            HistoryTransformer transformer = new HistoryTransformer();
            StringBuilder out = new StringBuilder();
            for (Buffer piece : new Buffer[] {Buffer.buffer(java.util.Arrays.copyOfRange(bytes, 0, cut)),
                    Buffer.buffer(java.util.Arrays.copyOfRange(bytes, cut, bytes.length))}) {
                Buffer records = transformer.feed(piece);
                if (records.length() > 0) {
                    out.append(out.length() > 0 ? "," : "").append(records.toString(StandardCharsets.UTF_8));
                }
            }
            transformer.finish();
            assertEquals(CLIENT, out.toString(), "cut at byte " + cut);
            assertEquals(2, transformer.records());
        }
    }

    @Test
    void anEmptyHistoryIsNoRecord() {
        HistoryTransformer transformer = new HistoryTransformer();
        assertEquals(0, transformer.feed(Buffer.buffer("[]")).length());
        transformer.finish();
        assertEquals(0, transformer.records());
    }

    @Test
    void aStreamCutShortOrMalformedFails() {
        HistoryTransformer cut = new HistoryTransformer();
        cut.feed(Buffer.buffer(STORED.substring(0, STORED.length() - 5)));
        assertThrows(IllegalStateException.class, cut::finish);
        assertThrows(RuntimeException.class, () -> new HistoryTransformer().feed(Buffer.buffer("[{\"query_id\": 1,,}]")));
    }
}
