package org.arxivpipeline.frontend.service;

import java.util.Arrays;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * Cuts backend-queries' JSON array of records, arriving in byte chunks cut anywhere, into runs of whole
 * records ({@code {…},{…}}, no brackets), which Quarkus REST frames as one array again. The records are
 * passed on byte for byte: only string quotes, escapes and braces are looked at, nothing is parsed. An
 * array that ends before its closing bracket fails {@link #finish()}, so a history cut short is never
 * answered as a shorter one. One instance per stream, used by one thread at a time.
 */
final class RecordRuns {

    private static final Buffer NONE = Buffer.buffer(0);
    private static final byte[] NOTHING = new byte[0];

    /** Bytes already looked at but not passed on: the start of a record not yet whole, and separators. */
    private byte[] pending = NOTHING;
    /** 0 before the array, 1 inside it, 2 and more inside a record. */
    private int level;
    private boolean inString;
    private boolean escaped;
    private boolean closed;
    /** Where, in the bytes being looked at, the record open now started. */
    private int openRecord = -1;
    private long records;
    private long bytes;

    /** The whole records this chunk completes, comma-separated (empty when it completes none). */
    Buffer feed(Buffer chunk) {
        // one copy into an array (after the bytes pending), then a plain loop over it: reading a Buffer byte
        // by byte costs several times more (a bounds and reference-count check per byte)
        byte[] data = Arrays.copyOf(pending, pending.length + chunk.length());
        chunk.getBytes(data, pending.length);
        bytes += chunk.length();
        int firstRecord = level >= 2 ? openRecord : -1;
        int lastEnd = -1;
        // the state in locals while looping (fields would be written back on every byte)
        int depth = level;
        int recordStart = openRecord;
        boolean string = inString;
        boolean escape = escaped;
        int i = pending.length;
        while (i < data.length) {
            if (string) {
                // most of a record is string content: skip to its closing quote in a tight loop
                if (escape) {
                    escape = false;
                    i++;
                }
                while (i < data.length && data[i] != '"' && data[i] != '\\') {
                    i++;
                }
                if (i < data.length) {
                    if (data[i] == '"') {
                        string = false;
                    } else {
                        escape = true;
                    }
                    i++;
                }
                continue;
            }
            switch (data[i]) {
                case '"' -> string = true;
                case '{', '[' -> {
                    if (++depth == 2) {
                        recordStart = i;
                        if (firstRecord < 0) {
                            firstRecord = i;
                        }
                    }
                }
                case '}', ']' -> {
                    if (--depth == 1) {
                        lastEnd = i;
                        records++;
                    } else if (depth == 0) {
                        closed = true;
                    }
                }
                default -> {
                    // values, separators, white space: passed on as they are
                }
            }
            i++;
        }
        level = depth;
        openRecord = recordStart;
        inString = string;
        escaped = escape;
        if (lastEnd < 0) {
            pending = data;
            return NONE;
        }
        pending = Arrays.copyOfRange(data, lastEnd + 1, data.length);
        openRecord -= lastEnd + 1;
        return Buffer.buffer(Unpooled.wrappedBuffer(data, firstRecord, lastEnd + 1 - firstRecord));
    }

    /** Checks that the array was closed; a stream cut short is a failure, not a shorter history. */
    void finish() {
        if (!closed || inString) {
            throw new IllegalStateException("backend-queries' history ended before its closing bracket");
        }
    }

    long records() {
        return records;
    }

    long bytes() {
        return bytes;
    }
}
